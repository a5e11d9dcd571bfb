import { systemClock } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildViewerClaims, createSecretRing, signExtensionJwt } from "@ext/shared/server";

const ring = createSecretRing(DEV_CONFIG.extension.secretBase64);

/**
 * A frontend token as the helper hands it, signed with the rig's development secret: viewer `n` of a
 * channel, logged in without sharing identity (distinct opaque ids), or a named rig user when `userId`.
 */
export function viewerToken(input: { channelId: string; n: number; userId?: string }): string {
  const claims = buildViewerClaims({
    channelId: input.channelId,
    clock: systemClock,
    viewer: input.userId
      ? { kind: "identified", userId: input.userId }
      : { kind: "anonymous", userId: String(600_000_000 + input.n) },
  });
  return signExtensionJwt(claims, ring, systemClock);
}

/** The rig's viewers who shared identity (Get Users knows their names). */
export const NAMED_VIEWERS = DEV_CONFIG.users.filter((u) => u.kind === "viewer").map((u) => u.id);
