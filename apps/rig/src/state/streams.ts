import type { Clock } from "@ext/shared";
import type { LiveStream } from "./types.ts";

/** Each channel's stream while it is live: what Get Streams answers and the rig UI's Live switch shows. */
export interface StreamBook {
  /** The channel's stream, or null while offline. */
  get(channelId: string): LiveStream | null;
  /** Goes live with a new stream started now (keeps the current one if already live) or offline. */
  set(channel: { broadcasterId: string; displayName: string }, live: boolean): LiveStream | null;
}

export function createStreamBook(clock: Clock): StreamBook {
  const live = new Map<string, LiveStream>();
  /** When each channel's last stream started (ms), so the next one starts strictly later. */
  const lastStart = new Map<string, number>();
  let started = 0;
  const start = (channel: { broadcasterId: string; displayName: string }): LiveStream => {
    // Twitch's started_at has whole seconds; a stream that restarts within the same second still gets a later one,
    // since an EBS keys the stream's count by it.
    const previous = lastStart.get(channel.broadcasterId);
    const second = Math.floor(clock() / 1000) * 1000;
    const startedAt = previous !== undefined && second <= previous ? previous + 1000 : second;
    lastStart.set(channel.broadcasterId, startedAt);
    return {
      id: `${startedAt / 1000}${String(++started % 10_000).padStart(4, "0")}`,
      startedAt: new Date(startedAt).toISOString().replace(".000Z", "Z"),
      title: `${channel.displayName} builds an extension`,
    };
  };
  const get = (channelId: string): LiveStream | null => {
    const stream = live.get(channelId);
    return stream ? { ...stream } : null;
  };
  return {
    get,
    set(channel, on) {
      if (!on) live.delete(channel.broadcasterId);
      else if (!live.has(channel.broadcasterId)) live.set(channel.broadcasterId, start(channel));
      return get(channel.broadcasterId);
    },
  };
}
