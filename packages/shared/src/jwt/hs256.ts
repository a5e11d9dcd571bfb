import { createHmac, type KeyObject, timingSafeEqual } from "node:crypto";

/** An `exp` this large is milliseconds, not seconds (as seconds it would be after the year 5000). */
export const EXP_MILLISECONDS_THRESHOLD = 100_000_000_000;

/**
 * The HS256 signature check alone (constant-time), so every other cause of a refusal (claims, expiry) can be
 * named on its own. jsonwebtoken's verify would also parse the claims, and silently accept claims encoded twice.
 */
export function hs256SignatureMatches(signingInput: string, signature: string, key: KeyObject): boolean {
  const expected = createHmac("sha256", key).update(signingInput).digest();
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
