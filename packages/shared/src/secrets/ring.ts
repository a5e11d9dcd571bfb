import { createSecretKey, type KeyObject } from "node:crypto";
import type { Clock } from "../clock.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { decodeExtensionSecret } from "./decode.ts";

/** One extension secret as Twitch lists it (Extension Secrets API), base64 content and its window. */
export interface ExtensionSecretInput {
  content: string;
  /** ISO date or epoch ms; absent means active since forever. */
  activeAt?: string | number;
  /** ISO date or epoch ms; absent means it never expires. */
  expiresAt?: string | number;
}

/** A secret made ready for use: keys built once (createSecretKey is ~50× faster than a Buffer per call). */
export interface RingSecret {
  /** The decoded secret: what Twitch signs and verifies with. */
  key: KeyObject;
  /** The base64 text used as if it were the key: the classic mistake, kept only to recognise it. */
  rawKey: KeyObject;
  activeAt: number;
  expiresAt: number;
  /** Position in the list it came from, for messages ("secret #2"). */
  index: number;
}

/** All secrets valid at once during rotation. Verify with each; sign with {@link signingSecret}. */
export interface SecretRing {
  readonly secrets: readonly RingSecret[];
}

function toMillis(value: string | number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new TwitchRuleError("secret_date_invalid", `${field} is not a date: ${JSON.stringify(value)}.`);
  }
  return ms;
}

/** Builds a ring from one or more base64 secrets (a string, a list, or the Secrets API's objects). */
export function createSecretRing(input: string | readonly (string | ExtensionSecretInput)[]): SecretRing {
  const list = typeof input === "string" ? [input] : input;
  if (list.length === 0) {
    throw new TwitchRuleError("secret_missing", "At least one extension secret is needed.");
  }
  const secrets = list.map((item, index): RingSecret => {
    const entry = typeof item === "string" ? { content: item } : item;
    let bytes: Buffer;
    try {
      bytes = decodeExtensionSecret(entry.content);
    } catch (error) {
      if (error instanceof TwitchRuleError && list.length > 1) {
        throw new TwitchRuleError(error.code, `Secret #${index + 1}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    return {
      key: createSecretKey(bytes),
      rawKey: createSecretKey(Buffer.from(entry.content.trim())),
      activeAt: toMillis(entry.activeAt, Number.NEGATIVE_INFINITY, "activeAt"),
      expiresAt: toMillis(entry.expiresAt, Number.POSITIVE_INFINITY, "expiresAt"),
      index,
    };
  });
  return { secrets };
}

/** Secrets that verify tokens now: active and not yet expired. */
export function verifyingSecrets(ring: SecretRing, clock: Clock): RingSecret[] {
  const now = clock();
  return ring.secrets.filter((s) => s.activeAt <= now && now < s.expiresAt);
}

/**
 * The secret to sign with, as Twitch advises: of the secrets active now, the one that expires last
 * (the first listed wins a tie, so a plain list signs with its first secret).
 */
export function signingSecret(ring: SecretRing, clock: Clock): RingSecret {
  const [first, ...rest] = verifyingSecrets(ring, clock);
  if (!first) {
    throw new TwitchRuleError(
      "secret_none_active",
      "No extension secret is active now: every configured secret has expired or is not active yet. Create one in the Extension console (Settings → Secret Keys).",
    );
  }
  return rest.reduce((best, s) => (s.expiresAt > best.expiresAt ? s : best), first);
}
