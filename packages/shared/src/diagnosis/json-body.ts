import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";

/**
 * The fields of a Helix call's JSON body, or the 400 Twitch answers when the body is not a JSON object;
 * `fields` names what the body should hold, for the diagnosis.
 */
export function jsonBodyFields(body: unknown, fields: string): Record<string, unknown> | Refusal {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return refuse(
      400,
      "body_not_json",
      "Missing required parameter",
      `The body must be a JSON object with ${fields} (Content-Type: application/json).`,
    );
  }
  return body as Record<string, unknown>;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}
