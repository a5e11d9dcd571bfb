import { TwitchRuleError } from "../twitch-rule-error.ts";

/**
 * Checks a Twitch user or channel id the way Helix wants it: a non-empty string of digits.
 * A number is refused (JavaScript loses precision past 2^53 and Twitch compares strings).
 */
export function assertTwitchId(value: unknown, field: string): string {
  if (typeof value === "number" || typeof value === "bigint") {
    throw new TwitchRuleError(
      "id_not_string",
      `${field} must be a string of digits, got the number ${String(value)}: send "${String(value)}" instead.`,
    );
  }
  if (typeof value !== "string" || value.length === 0) {
    throw new TwitchRuleError("id_missing", `${field} is missing: pass the Twitch id as a string of digits.`);
  }
  if (!/^\d{1,20}$/.test(value)) {
    throw new TwitchRuleError(
      "id_invalid",
      `${field} must be a Twitch id (digits only, like "123456789"), got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return value;
}

/** True for a string Twitch would accept as a user or channel id. */
export function isTwitchId(value: unknown): value is string {
  return typeof value === "string" && /^\d{1,20}$/.test(value);
}
