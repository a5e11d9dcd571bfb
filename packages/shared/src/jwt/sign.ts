import jwt from "jsonwebtoken";
import { type Clock, systemClock } from "../clock.ts";
import { type SecretRing, signingSecret } from "../secrets/ring.ts";
import type { ExtensionClaims } from "../twitch/claims.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";

/**
 * Signs extension claims with the decoded secret Twitch says to sign with (HS256). Takes the claims object
 * only: a string would be signed as a JSON string, the "encoded twice" mistake Twitch answers with 401.
 */
export function signExtensionJwt(
  claims: ExtensionClaims,
  ring: SecretRing,
  clock: Clock = systemClock,
): string {
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
    throw new TwitchRuleError(
      "claims_not_object",
      "Claims must be an object; do not JSON.stringify them before signing.",
    );
  }
  return jwt.sign(claims, signingSecret(ring, clock).key, { algorithm: "HS256", noTimestamp: true });
}
