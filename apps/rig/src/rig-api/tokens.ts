import { randomBytes } from "node:crypto";
import type { TwitchAuth, ViewerClaims } from "@ext/shared";
import {
  buildBroadcasterClaims,
  buildViewerClaims,
  signExtensionJwt,
  VIEWER_JWT_TTL_SECONDS,
} from "@ext/shared/server";
import { z } from "zod";
import type { RigState } from "../state/rig-state.ts";

export const viewerKinds = ["logged-out", "anonymous", "identified", "broadcaster", "moderator"] as const;

export const tokenRequestSchema = z.object({
  channelId: z.string().regex(/^\d+$/, "a channel id: a string of digits"),
  viewer: z.enum(viewerKinds),
  /** Which rig user the frame is (anonymous, identified, moderator); defaults to one of that kind. */
  userId: z.string().regex(/^\d+$/).optional(),
  /** Shorter lifetimes let a developer watch the helper refresh the token. */
  ttlSeconds: z.number().int().min(10).max(86_400).optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export interface TokenAnswer {
  auth: TwitchAuth;
  expiresAt: string;
  viewer: { opaqueId: string; id: string | null; role: string; isLinked: boolean };
}

function claimsFor(state: RigState, request: TokenRequest): ViewerClaims | string {
  const { channelId, viewer } = request;
  const clock = state.clock;
  const ttlSeconds = request.ttlSeconds ?? VIEWER_JWT_TTL_SECONDS;
  if (viewer === "broadcaster") return buildBroadcasterClaims({ channelId, clock, ttlSeconds });
  if (viewer === "logged-out") {
    const sessionId = randomBytes(9).toString("base64url");
    return buildViewerClaims({ channelId, clock, ttlSeconds, viewer: { kind: "logged-out", sessionId } });
  }
  const wanted = viewer === "moderator" ? "moderator" : "viewer";
  const user = request.userId ? state.user(request.userId) : state.users().find((u) => u.kind === wanted);
  if (!user) return `No rig user ${request.userId ?? `of kind ${wanted}`}: pick one from GET /rig/api/state.`;
  return buildViewerClaims({
    channelId,
    clock,
    ttlSeconds,
    role: viewer === "moderator" ? "moderator" : "viewer",
    viewer: { kind: viewer === "anonymous" ? "anonymous" : "identified", userId: user.id },
  });
}

/**
 * The frontend token Twitch's helper would hand this viewer in `onAuthorized`, signed with the extension
 * secret Twitch signs with now, and a helixToken the rig's Get Users accepts. A string is an error message.
 */
export function issueFrontendToken(state: RigState, request: TokenRequest): TokenAnswer | string {
  if (!state.channel(request.channelId)) return `No channel ${request.channelId} in the rig.`;
  const claims = claimsFor(state, request);
  if (typeof claims === "string") return claims;
  const token = signExtensionJwt(claims, state.secrets.ring(), state.clock);
  const helix = state.issueToken("helix", request.ttlSeconds ?? VIEWER_JWT_TTL_SECONDS);
  return {
    auth: {
      channelId: request.channelId,
      clientId: state.extension.clientId,
      token,
      helixToken: helix.token,
      userId: claims.opaque_user_id,
    },
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    viewer: {
      opaqueId: claims.opaque_user_id,
      id: claims.user_id ?? null,
      role: claims.role,
      isLinked: claims.is_unlinked === false,
    },
  };
}
