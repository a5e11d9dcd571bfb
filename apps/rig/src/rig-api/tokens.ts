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
  /**
   * The rig only: whose Twitch account the frame is, even when the extension may not know it (identity not
   * shared). Two frames of the same account share its cooldown, as on Twitch. Null when logged out.
   */
  account: { id: string; displayName: string } | null;
}

type Issued = { claims: ViewerClaims; account: TokenAnswer["account"] };

function claimsFor(state: RigState, request: TokenRequest): Issued | string {
  const { channelId, viewer } = request;
  const clock = state.clock;
  const ttlSeconds = request.ttlSeconds ?? VIEWER_JWT_TTL_SECONDS;
  if (viewer === "broadcaster") {
    const channel = state.channel(channelId);
    return {
      claims: buildBroadcasterClaims({ channelId, clock, ttlSeconds }),
      account: channel ? { id: channelId, displayName: channel.displayName } : null,
    };
  }
  if (viewer === "logged-out") {
    const sessionId = randomBytes(9).toString("base64url");
    return {
      claims: buildViewerClaims({ channelId, clock, ttlSeconds, viewer: { kind: "logged-out", sessionId } }),
      account: null,
    };
  }
  const wanted = viewer === "moderator" ? "moderator" : "viewer";
  const user = request.userId ? state.user(request.userId) : state.users().find((u) => u.kind === wanted);
  if (!user) return `No rig user ${request.userId ?? `of kind ${wanted}`}: pick one from GET /rig/api/state.`;
  return {
    claims: buildViewerClaims({
      channelId,
      clock,
      ttlSeconds,
      role: viewer === "moderator" ? "moderator" : "viewer",
      viewer: { kind: viewer === "anonymous" ? "anonymous" : "identified", userId: user.id },
    }),
    account: { id: user.id, displayName: user.displayName },
  };
}

/**
 * The frontend token Twitch's helper would hand this viewer in `onAuthorized`, signed with the extension
 * secret Twitch signs with now, and a helixToken the rig's Get Users accepts. A string is an error message.
 */
export function issueFrontendToken(state: RigState, request: TokenRequest): TokenAnswer | string {
  if (!state.channel(request.channelId)) return `No channel ${request.channelId} in the rig.`;
  const issued = claimsFor(state, request);
  if (typeof issued === "string") return issued;
  const { claims, account } = issued;
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
    account,
  };
}
