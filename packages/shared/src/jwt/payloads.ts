import { type Clock, epochSeconds } from "../clock.ts";
import type {
  ExternalChatClaims,
  ExternalPubSubClaims,
  ExternalServiceClaims,
  PubSubPerms,
  ViewerClaims,
} from "../twitch/claims.ts";
import { assertTwitchId } from "../twitch/ids.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";

/** Default lifetime of an external JWT: short, as Twitch advises (one minute). */
export const EXTERNAL_JWT_TTL_SECONDS = 60;
/** Lifetime of the tokens the rig hands frontends (Twitch's live about an hour). */
export const VIEWER_JWT_TTL_SECONDS = 60 * 60;

function lifetime(ttlSeconds: number | undefined, fallback: number): number {
  const ttl = ttlSeconds ?? fallback;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > 24 * 60 * 60) {
    throw new TwitchRuleError(
      "ttl_invalid",
      `ttlSeconds must be a whole number of seconds between 1 and 86400, got ${String(ttl)} (milliseconds by mistake?).`,
    );
  }
  return ttl;
}

export interface ExternalClaimsInput {
  /** Twitch user id of the extension's owner (Extension console → Settings → General → Owner). */
  ownerUserId: string;
  /** The channel the call is about; must equal the `broadcaster_id` the call sends. */
  channelId: string;
  clock: Clock;
  ttlSeconds?: number;
}

/** Claims for Send Extension Chat Message: owner `user_id`, role external, `channel_id`, short `exp`. */
export function buildExternalChatClaims(input: ExternalClaimsInput): ExternalChatClaims {
  return {
    exp: epochSeconds(input.clock) + lifetime(input.ttlSeconds, EXTERNAL_JWT_TTL_SECONDS),
    user_id: assertTwitchId(input.ownerUserId, "ownerUserId (the extension owner's Twitch user id)"),
    role: "external",
    channel_id: assertTwitchId(input.channelId, "channelId (the broadcaster id)"),
  };
}

/** Claims for Extension PubSub: as for chat, plus permission to send to the given targets. */
export function buildExternalPubSubClaims(
  input: ExternalClaimsInput & { targets?: string[] },
): ExternalPubSubClaims {
  const targets = input.targets ?? ["broadcast"];
  if (targets.length === 0 || targets.some((t) => typeof t !== "string" || t.length === 0)) {
    throw new TwitchRuleError(
      "pubsub_targets_invalid",
      'targets must be non-empty strings such as "broadcast", "global" or "whisper-<opaque id>".',
    );
  }
  return { ...buildExternalChatClaims(input), pubsub_perms: { send: targets } };
}

/** Claims for channel-less calls (configuration service, extension secrets). */
export function buildExternalServiceClaims(
  input: Omit<ExternalClaimsInput, "channelId"> & { channelId?: string },
): ExternalServiceClaims {
  const claims: ExternalServiceClaims = {
    exp: epochSeconds(input.clock) + lifetime(input.ttlSeconds, EXTERNAL_JWT_TTL_SECONDS),
    user_id: assertTwitchId(input.ownerUserId, "ownerUserId (the extension owner's Twitch user id)"),
    role: "external",
  };
  if (input.channelId !== undefined) claims.channel_id = assertTwitchId(input.channelId, "channelId");
  return claims;
}

/**
 * A stable opaque id ("U…") for a logged-in account, as Twitch gives one: it does not reveal the user id.
 * Deterministic, so the same rig user keeps the same opaque id across reloads.
 */
export function opaqueIdFor(userId: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const ch of `opaque:${userId}`) {
    a = Math.imul(a ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    b = Math.imul(b ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  }
  return `U${a.toString(36)}${b.toString(36)}`;
}

export interface FrontendClaimsInput {
  channelId: string;
  clock: Clock;
  ttlSeconds?: number;
}

/** Claims of the token the helper gives the broadcaster on their own channel. */
export function buildBroadcasterClaims(input: FrontendClaimsInput): ViewerClaims {
  const channelId = assertTwitchId(input.channelId, "channelId");
  return {
    exp: epochSeconds(input.clock) + lifetime(input.ttlSeconds, VIEWER_JWT_TTL_SECONDS),
    opaque_user_id: opaqueIdFor(channelId),
    user_id: channelId,
    channel_id: channelId,
    role: "broadcaster",
    is_unlinked: false,
    pubsub_perms: { listen: ["broadcast", "global"], send: ["broadcast"] },
  };
}

export type ViewerKind =
  /** Not logged in to Twitch: anonymous opaque id, changes every session. */
  | { kind: "logged-out"; sessionId: string }
  /** Logged in but has not shared identity: stable opaque id, no user_id. */
  | { kind: "anonymous"; userId: string }
  /** Logged in and shared identity: user_id present. */
  | { kind: "identified"; userId: string };

/**
 * Claims of the token the helper gives a viewer or moderator. The opaque id of a logged-in viewer is
 * stable per account ("U…"); a logged-out viewer gets an "A…" id.
 */
export function buildViewerClaims(
  input: FrontendClaimsInput & { viewer: ViewerKind; role?: "viewer" | "moderator" },
): ViewerClaims {
  const channelId = assertTwitchId(input.channelId, "channelId");
  const { viewer } = input;
  const base = {
    exp: epochSeconds(input.clock) + lifetime(input.ttlSeconds, VIEWER_JWT_TTL_SECONDS),
    channel_id: channelId,
    role: input.role ?? "viewer",
  } as const;
  if (viewer.kind === "logged-out") {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(viewer.sessionId)) {
      throw new TwitchRuleError("session_id_invalid", "sessionId must be 1-64 letters, digits, _ or -.");
    }
    const opaqueId = `A${viewer.sessionId}`;
    return {
      ...base,
      opaque_user_id: opaqueId,
      is_unlinked: true,
      pubsub_perms: viewerPubSubPerms(opaqueId),
    };
  }
  const userId = assertTwitchId(viewer.userId, "viewer.userId");
  const opaqueId = opaqueIdFor(userId);
  const pubsub_perms = viewerPubSubPerms(opaqueId);
  if (viewer.kind === "anonymous") {
    return { ...base, opaque_user_id: opaqueId, is_unlinked: true, pubsub_perms };
  }
  return { ...base, opaque_user_id: opaqueId, user_id: userId, is_unlinked: false, pubsub_perms };
}

/** A viewer hears the channel's broadcasts, global messages and their own whispers, and may send nothing. */
function viewerPubSubPerms(opaqueId: string): PubSubPerms {
  return { listen: ["broadcast", "global", `whisper-${opaqueId}`], send: [] };
}
