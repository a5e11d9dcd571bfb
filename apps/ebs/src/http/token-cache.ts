import type { Clock, ViewerClaims } from "@ext/shared";
import { type SecretRing, verifyViewerToken } from "@ext/shared/server";

/** Tokens remembered at most; the least recently used goes first. */
export const TOKEN_CACHE_SIZE = 10_000;

export type Verified = ReturnType<typeof verifyViewerToken>;

/**
 * `verifyViewerToken` with its successes remembered by token string until the token expires (or the
 * secret that verified it does). A new secret ring (rotation, revocation) empties the cache. Refusals are
 * never cached: each one is verified again and answered with its own code.
 */
export function createTokenVerifier(input: { clock: Clock; size?: number }) {
  const size = input.size ?? TOKEN_CACHE_SIZE;
  const cache = new Map<string, { claims: ViewerClaims; secretIndex: number; until: number }>();
  let cachedRing: SecretRing | undefined;
  return (token: string, ring: SecretRing): Verified => {
    const now = input.clock();
    if (ring !== cachedRing) {
      cache.clear();
      cachedRing = ring;
    }
    const hit = cache.get(token);
    if (hit && hit.until > now) {
      cache.delete(token);
      cache.set(token, hit);
      return { ok: true, claims: hit.claims, secretIndex: hit.secretIndex };
    }
    if (hit) cache.delete(token);
    const result = verifyViewerToken(token, ring, { clock: input.clock });
    if (result.ok) {
      const secret = ring.secrets.find((s) => s.index === result.secretIndex);
      const until = Math.min(result.claims.exp * 1000, secret?.expiresAt ?? Number.POSITIVE_INFINITY);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(token, { claims: result.claims, secretIndex: result.secretIndex, until });
    }
    return result;
  };
}
