import type { ChatHealthState, Clock, LiveDashboard, LiveRefusal, LiveState } from "@ext/shared";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Scheduler } from "../delivery/scheduler.ts";
import type { LiveRecord, LiveStore, SentHypers, StreamSeen } from "../store/live-store.ts";
import type { HelixClient } from "../twitch/helix-client.ts";
import type { BroadcastGate } from "./broadcast-gate.ts";
import { createLiveBroadcaster } from "./live-broadcaster.ts";
import type { StreamTracker } from "./stream-tracker.ts";

/**
 * The longest a chat send waits, after Twitch took the message, for the channel's stream to be read before
 * the message is counted (only when the stream's cache expired): past it, the count goes to the last stream
 * known, and the new stream applies from the next message.
 */
export const STREAM_WAIT_MS = 1000;

/**
 * The live state's one service: what delivery tells it (a message reached chat, Twitch refused one), the
 * current stream, the broadcasts, and what the routes answer. Writes never fail an action: a store that
 * does not answer is logged, and the count it missed is said so in the log.
 */
export interface Live {
  /** Before a count: the channel's stream read (cached) and stored; resolves within {@link STREAM_WAIT_MS}. */
  prepare(channelId: string): Promise<void>;
  /** In-memory queue: counts a message Twitch took (in the background; `stop` waits for it), then broadcasts. */
  countSent(channelId: string, sent: SentHypers): void;
  /** Redis queue: the message was counted in the step that marked it sent; broadcast the change. */
  counted(channelId: string): void;
  /** Twitch refused a call for this channel: the dashboard's last refusal. */
  refused(channelId: string, refusal: LiveRefusal): void;
  state(channelId: string): Promise<LiveState>;
  dashboard(channelId: string): Promise<LiveDashboard>;
  /** Stops broadcasting and waits for the writes in flight. */
  stop(): Promise<void>;
}

/** Whether chat works, from the dashboard's fields: a refusal after the last sent message means refused. */
export function chatHealth(record: Pick<LiveRecord, "lastSentAt" | "lastRefusal">): ChatHealthState {
  const refusal = record.lastRefusal?.call === "chat" ? record.lastRefusal : undefined;
  if (refusal && (record.lastSentAt === null || Date.parse(refusal.at) > Date.parse(record.lastSentAt))) {
    return "refused";
  }
  return record.lastSentAt === null ? "untried" : "working";
}

const sameStream = (a: StreamSeen | undefined, b: StreamSeen | undefined) =>
  a?.live === b?.live && (a?.live ? a.startedAt : undefined) === (b?.live ? b.startedAt : undefined);

export function createLive(input: {
  store: LiveStore;
  streams: StreamTracker;
  helix: HelixClient;
  gate: BroadcastGate;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  broadcastIntervalMs?: number;
  streamWaitMs?: number;
}): Live {
  const { store, streams, logger, scheduler } = input;
  const streamWaitMs = input.streamWaitMs ?? STREAM_WAIT_MS;
  const broadcaster = createLiveBroadcaster({
    store,
    helix: input.helix,
    gate: input.gate,
    clock: input.clock,
    scheduler,
    logger,
    onRefused: (channelId, refusal) => live.refused(channelId, refusal),
    ...(input.broadcastIntervalMs !== undefined ? { intervalMs: input.broadcastIntervalMs } : {}),
  });
  /** The stream last written per channel, so an unchanged cached answer costs no write. */
  const applied = new Map<string, StreamSeen>();
  const writes = new Set<Promise<void>>();

  function track(work: Promise<void>) {
    writes.add(work);
    void work.finally(() => writes.delete(work));
  }

  async function refreshStream(channelId: string): Promise<void> {
    const seen = await streams.current(channelId);
    if (seen === undefined || sameStream(seen, applied.get(channelId))) return;
    try {
      const changed = await store.setStream(channelId, seen);
      if (applied.size > 50_000) applied.clear();
      applied.set(channelId, seen);
      if (changed) broadcaster.changed(channelId);
    } catch (error) {
      logger.warn(
        { event: "live_store_failed", channelId, step: "stream", error: safeCause(error).message },
        "could not store the channel's stream",
      );
    }
  }

  function prepare(channelId: string): Promise<void> {
    const refreshed = refreshStream(channelId);
    track(refreshed);
    return new Promise((resolve) => {
      const cancel = scheduler.setTimeout(resolve, streamWaitMs);
      void refreshed.finally(() => {
        cancel();
        resolve();
      });
    });
  }

  const live: Live = {
    prepare,
    countSent(channelId, sent) {
      track(
        (async () => {
          try {
            await prepare(channelId);
            await store.countSent(channelId, sent);
            broadcaster.changed(channelId);
          } catch (error) {
            logger.error(
              {
                event: "live_count_lost",
                channelId,
                hypers: sent.hypers.length,
                error: safeCause(error).message,
              },
              "the store did not take the count of a message that reached chat",
            );
          }
        })(),
      );
    },
    counted(channelId) {
      broadcaster.changed(channelId);
    },
    refused(channelId, refusal) {
      track(
        store.recordRefusal(channelId, refusal).catch((error: unknown) => {
          logger.warn(
            { event: "live_store_failed", channelId, step: "refusal", error: safeCause(error).message },
            "could not store the last refusal",
          );
        }),
      );
    },
    async state(channelId) {
      await prepare(channelId);
      return (await store.read(channelId)).state;
    },
    async dashboard(channelId) {
      await prepare(channelId);
      const record = await store.read(channelId);
      return {
        state: record.state,
        chat: { state: chatHealth(record), lastSentAt: record.lastSentAt },
        lastRefusal: record.lastRefusal,
      };
    },
    async stop() {
      broadcaster.stop();
      await Promise.allSettled([...writes]);
    },
  };
  return live;
}
