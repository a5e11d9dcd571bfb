import * as z from "zod/mini";
import { ACTION_KINDS, type ActionKind } from "../actions/action-kinds.ts";
import { TWITCH_LIMITS } from "../twitch/limits.ts";

/** How many of the latest hypers every panel shows. */
export const LIVE_RECENT_MAX = 5;

const actionKindSchema = z.enum(Object.keys(ACTION_KINDS) as [ActionKind, ...ActionKind[]]);

/** One viewer named in chat, as every panel shows them. */
export const liveHyperSchema = z.object({
  /** The name chat showed; null for a viewer who did not share their identity (the panel says "someone"). */
  displayName: z.nullable(z.string()),
  kind: actionKindSchema,
  /** When the message naming them reached chat (ISO 8601). */
  at: z.string(),
});
export type LiveHyper = z.infer<typeof liveHyperSchema>;

/**
 * The channel's shared hype, the same for every viewer: what `GET /api/live` answers and what the EBS
 * broadcasts through Extension PubSub. Counts are of viewers named in chat messages that Twitch took.
 */
export const liveStateSchema = z.object({
  channelId: z.string(),
  /**
   * Grows with every change of this channel's state, in every EBS instance; a panel keeps the state with the
   * highest version it has seen, so a late broadcast or a slow read never moves it backwards.
   */
  version: z.number(),
  /** The stream the count belongs to: `started_at` from Get Streams, or null before any stream was seen. */
  stream: z.object({ live: z.boolean(), startedAt: z.nullable(z.string()) }),
  /** Hypers during the current stream (offline: during the last one). */
  streamCount: z.number(),
  allTimeCount: z.number(),
  /** The latest hypers, newest first, at most {@link LIVE_RECENT_MAX}. */
  recent: z.array(liveHyperSchema),
});
export type LiveState = z.infer<typeof liveStateSchema>;

/** The Extension PubSub message the EBS broadcasts (`target: ["broadcast"]`), as a JSON string. */
export const livePubSubMessageSchema = z.object({
  type: z.literal("live"),
  state: liveStateSchema,
});
export type LivePubSubMessage = z.infer<typeof livePubSubMessageSchema>;

/** The PubSub target of a channel-wide broadcast (`Twitch.ext.listen("broadcast", ...)`). */
export const LIVE_PUBSUB_TARGET = "broadcast";

/**
 * The PubSub message for `state`, or an Error when it would be over Twitch's 5 KB limit (the EBS refuses to
 * send such a message rather than have Twitch refuse it).
 */
export function livePubSubMessage(state: LiveState): string {
  const message = JSON.stringify({ type: "live", state } satisfies LivePubSubMessage);
  const bytes = new TextEncoder().encode(message).length;
  if (bytes > TWITCH_LIMITS.pubsubMessageMax) {
    throw new Error(
      `The live state of channel ${state.channelId} is ${bytes} bytes as a PubSub message: Twitch takes at most ${TWITCH_LIMITS.pubsubMessageMax}.`,
    );
  }
  return message;
}
