import { type LiveHyper, type LiveRefusal, type LiveState, liveRefusalSchema } from "@ext/shared";

/** What the store holds of one channel's live state: what panels see, and what only the dashboard shows. */
export interface LiveRecord {
  state: LiveState;
  /** When the last message reached chat (ISO 8601), or null. */
  lastSentAt: string | null;
  lastRefusal: LiveRefusal | null;
}

/** The channel's stream as Get Streams last said: live since `startedAt`, or offline. */
export type StreamSeen = { live: true; startedAt: string } | { live: false };

/** The hypers of one chat message Twitch took, in the order chat named them, and when it took it. */
export interface SentHypers {
  hypers: readonly LiveHyper[];
  at: string;
}

/**
 * Each channel's live state, durable: the count per stream (keyed by its `started_at`) and all time, the
 * latest hypers, a version that grows with every change of what panels show, and the dashboard's last
 * chat time and refusal. SQLite by default, Redis with REDIS_URL; both answer the same.
 */
export interface LiveStore {
  read(channelId: string): Promise<LiveRecord>;
  /**
   * Counts the hypers of one message into the channel's current stream and all time, keeps the latest
   * {@link LIVE_RECENT_MAX} of them, sets the last chat time, and grows the version. (The Redis queue counts
   * in the step that marks its actions sent instead: `redis/live-keys.ts`.)
   */
  countSent(channelId: string, sent: SentHypers): Promise<void>;
  /**
   * Follows Get Streams: a `started_at` newer than the one held starts a new stream count; offline keeps the
   * last stream. True when what panels see changed (and the version grew).
   */
  setStream(channelId: string, stream: StreamSeen): Promise<boolean>;
  /** The dashboard's last refusal (chat or PubSub); panels do not show it, so the version stays. */
  recordRefusal(channelId: string, refusal: LiveRefusal): Promise<void>;
}

/** A channel the store has never seen: nothing counted, no stream known, version 0. */
export function emptyLiveRecord(channelId: string): LiveRecord {
  return {
    state: {
      channelId,
      version: 0,
      stream: { live: false, startedAt: null },
      streamCount: 0,
      allTimeCount: 0,
      recent: [],
    },
    lastSentAt: null,
    lastRefusal: null,
  };
}

/** Reads a stored refusal; one that no longer parses (an older shape) reads as none. */
export function parseRefusal(raw: unknown): LiveRefusal | null {
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const parsed = liveRefusalSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
