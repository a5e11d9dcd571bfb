import { type Clock, epochSeconds, type LiveRefusal, livePubSubMessage } from "@ext/shared";
import { sendExtensionPubSubMessage } from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Scheduler } from "../delivery/scheduler.ts";
import type { LiveStore } from "../store/live-store.ts";
import { type HelixClient, HelixError } from "../twitch/helix-client.ts";
import type { BroadcastGate } from "./broadcast-gate.ts";

/**
 * One broadcast per channel per second at most: 60 a minute, well inside Twitch's 100 a minute per channel
 * (a bucket shared with any whisper), and a panel sees a change within about a second and a half.
 */
export const BROADCAST_INTERVAL_MS = 1000;
/** The wait after a 429 that named no usable `Ratelimit-Reset`: the bucket refills about one a second. */
const RATE_LIMITED_WAIT_MS = 5000;
/** Sends of one state retried after no answer or a 5xx (then the next change tries again). */
const MAX_UNAVAILABLE_RETRIES = 3;
/** PubSub calls in flight at once over all channels (chat has its own 32): a busy hour stays a steady trickle. */
export const PUBSUB_MAX_IN_FLIGHT = 16;
/** How soon a channel that found every PubSub slot taken looks again. */
const SLOT_RETRY_MS = 50;

interface ChannelBroadcast {
  dirty: boolean;
  running: boolean;
  cancelTimer: (() => void) | undefined;
  lastVersion: number;
  failures: number;
}

/**
 * Broadcasts each channel's live state on Extension PubSub (`target: ["broadcast"]`) after it changed,
 * coalescing: a change marks the channel, and its next broadcast (at most one per interval, through the
 * {@link BroadcastGate}) reads the latest state from the store, so the latest state wins and a burst of
 * changes costs one message. It follows `Ratelimit-Remaining`/`Ratelimit-Reset`, waits after a 429, and
 * refuses to send a state over 5 KB. It has its own timers and calls: chat delivery never waits on it.
 */
export interface LiveBroadcaster {
  changed(channelId: string): void;
  /** Cancels the waiting broadcasts (at shutdown). */
  stop(): void;
}

export function createLiveBroadcaster(input: {
  store: LiveStore;
  helix: HelixClient;
  gate: BroadcastGate;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** A refusal to remember for the dashboard. */
  onRefused: (channelId: string, refusal: LiveRefusal) => void;
  intervalMs?: number;
  maxInFlight?: number;
}): LiveBroadcaster {
  const { store, helix, gate, clock, scheduler, logger, onRefused } = input;
  const intervalMs = input.intervalMs ?? BROADCAST_INTERVAL_MS;
  const maxInFlight = input.maxInFlight ?? PUBSUB_MAX_IN_FLIGHT;
  const channels = new Map<string, ChannelBroadcast>();
  let inFlight = 0;
  let stopped = false;

  function schedule(channelId: string, entry: ChannelBroadcast, ms: number) {
    if (stopped || entry.cancelTimer) return;
    entry.cancelTimer = scheduler.setTimeout(() => {
      entry.cancelTimer = undefined;
      void run(channelId, entry);
    }, ms);
  }

  function refused(channelId: string, refusal: Omit<LiveRefusal, "at" | "call">) {
    onRefused(channelId, { at: new Date(clock()).toISOString(), call: "pubsub", ...refusal });
  }

  /** After an answer: a bucket Twitch says is empty is waited on until it resets. */
  async function follow(channelId: string, rateLimit: HelixError["rateLimit"]) {
    const { remaining, resetAtSeconds } = rateLimit;
    if (remaining !== undefined && remaining <= 0 && resetAtSeconds !== undefined) {
      await gate.blockUntil(channelId, resetAtSeconds * 1000, clock());
    }
  }

  async function send(channelId: string, entry: ChannelBroadcast) {
    const { state } = await store.read(channelId);
    if (state.version <= entry.lastVersion) return;
    let message: string;
    try {
      message = livePubSubMessage(state);
    } catch (error) {
      entry.lastVersion = state.version;
      const words = safeCause(error).message;
      logger.error({ event: "pubsub_too_large", channelId, version: state.version }, words);
      refused(channelId, { status: 0, code: "pubsub_message_too_large", words: `Not sent: ${words}` });
      return;
    }
    if (inFlight >= maxInFlight) {
      entry.dirty = true;
      schedule(channelId, entry, SLOT_RETRY_MS);
      return;
    }
    // The slot is taken before the gate is asked (an await), so no other channel can take it meanwhile.
    inFlight++;
    try {
      const wait = await gate.take(channelId, clock());
      if (wait > 0) {
        entry.dirty = true;
        schedule(channelId, entry, wait);
        return;
      }
      const answer = await helix.call(sendExtensionPubSubMessage({ broadcasterId: channelId, message }));
      entry.lastVersion = Math.max(entry.lastVersion, state.version);
      entry.failures = 0;
      logger.debug(
        { event: "pubsub_sent", channelId, version: state.version, durationMs: answer.durationMs },
        "live state broadcast",
      );
      await follow(channelId, answer.rateLimit);
    } catch (error) {
      if (!(error instanceof HelixError)) throw error;
      await failed(channelId, entry, error, state.version);
    } finally {
      inFlight--;
    }
  }

  async function failed(channelId: string, entry: ChannelBroadcast, error: HelixError, version: number) {
    const { status } = error;
    const fields = {
      event: "pubsub_failed",
      channelId,
      status: status ?? null,
      diagnosisCode: error.diagnosisCode,
    };
    if (status === 429) {
      const reset = error.rateLimit.resetAtSeconds;
      const until =
        reset !== undefined && reset * 1000 > clock() ? reset * 1000 : clock() + RATE_LIMITED_WAIT_MS;
      await gate.blockUntil(channelId, until, clock());
      entry.dirty = true;
      logger.warn(
        { ...fields, waitMs: until - clock() },
        "PubSub answered 429: waiting until Ratelimit-Reset",
      );
      refused(channelId, {
        status,
        code: "twitch_rate_limited",
        words: `Twitch's PubSub limit for this channel was reached: broadcasts resume in ${Math.max(1, Math.ceil(until / 1000 - epochSeconds(clock)))} s.`,
      });
      return;
    }
    if (status === undefined || status >= 500) {
      entry.failures++;
      if (entry.failures <= MAX_UNAVAILABLE_RETRIES) {
        entry.dirty = true;
        await gate.blockUntil(channelId, clock() + intervalMs * 2 ** entry.failures, clock());
      } else {
        entry.failures = 0;
        entry.lastVersion = version;
      }
      logger.warn({ ...fields, failures: entry.failures }, `PubSub broadcast failed: ${error.message}`);
      return;
    }
    entry.lastVersion = version;
    const words = [
      `Twitch refused the PubSub broadcast (${status}).`,
      ...(error.twitchMessage ? [`Twitch said: "${error.twitchMessage}".`] : []),
      ...(error.diagnosis ? [`Diagnosis: ${error.diagnosis}`] : []),
    ].join(" ");
    logger.warn(fields, words);
    refused(channelId, { status, code: error.diagnosisCode ?? "pubsub_refused", words });
  }

  async function run(channelId: string, entry: ChannelBroadcast) {
    if (stopped) return;
    entry.running = true;
    entry.dirty = false;
    try {
      await send(channelId, entry);
    } catch (error) {
      // The store did not answer: try again after an interval.
      entry.dirty = true;
      logger.warn(
        { event: "pubsub_failed", channelId, error: safeCause(error).message },
        "could not broadcast the live state: trying again",
      );
      await gate.blockUntil(channelId, clock() + intervalMs, clock()).catch(() => {});
    } finally {
      entry.running = false;
      if (entry.dirty) schedule(channelId, entry, entry.cancelTimer ? 0 : intervalMs / 10);
      else if (!entry.cancelTimer) channels.delete(channelId);
    }
  }

  return {
    changed(channelId) {
      if (stopped) return;
      let entry = channels.get(channelId);
      if (!entry) {
        entry = { dirty: false, running: false, cancelTimer: undefined, lastVersion: -1, failures: 0 };
        channels.set(channelId, entry);
      }
      entry.dirty = true;
      if (!entry.running) schedule(channelId, entry, 0);
    },
    stop() {
      stopped = true;
      for (const entry of channels.values()) entry.cancelTimer?.();
      channels.clear();
    },
  };
}
