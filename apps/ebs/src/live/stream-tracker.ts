import type { Clock } from "@ext/shared";
import { getStreams, streamOf } from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { StreamSeen } from "../store/live-store.ts";
import type { HelixClient } from "../twitch/helix-client.ts";

/**
 * How long one Get Streams answer is used per channel: a new stream is noticed within a minute, and a busy
 * channel costs one Helix call a minute (Helix's app-token bucket is 800 a minute, shared by all channels).
 */
export const STREAM_TTL_MS = 60_000;

/**
 * Each channel's stream, read with Get Streams through the one Helix client (its cached app token), kept
 * {@link STREAM_TTL_MS}. A failed read (no answer, a refusal, no TWITCH_CLIENT_SECRET) is "unknown"
 * (`undefined`): the caller keeps the last stream it knows. It is logged once until a read works again, and
 * never throws, so no action ever fails because of it.
 */
export interface StreamTracker {
  current(channelId: string): Promise<StreamSeen | undefined>;
}

export function createStreamTracker(input: {
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
}): StreamTracker {
  const { helix, clock, logger } = input;
  const ttlMs = input.ttlMs ?? STREAM_TTL_MS;
  const cache = new Map<string, { seen: StreamSeen | undefined; until: number }>();
  const reading = new Map<string, Promise<StreamSeen | undefined>>();
  let failingLogged = false;

  async function read(channelId: string): Promise<StreamSeen | undefined> {
    try {
      if (!helix.hasAppCredentials)
        throw new Error("no TWITCH_CLIENT_SECRET: no app access token for Get Streams");
      const answer = await helix.call(getStreams({ userId: channelId }));
      if (failingLogged) {
        failingLogged = false;
        logger.info({ event: "stream_read_recovered", channelId }, "Get Streams answers again");
      }
      return streamOf(answer.data);
    } catch (error) {
      if (!failingLogged) {
        failingLogged = true;
        logger.warn(
          { event: "stream_read_failed", channelId, error: safeCause(error).message },
          "could not read the stream with Get Streams: counting into the last stream known (logged once until it works)",
        );
      }
      return undefined;
    }
  }

  return {
    current(channelId) {
      const now = clock();
      const cached = cache.get(channelId);
      if (cached && cached.until > now) return Promise.resolve(cached.seen);
      let pending = reading.get(channelId);
      if (!pending) {
        pending = read(channelId).then((seen) => {
          reading.delete(channelId);
          // Expired entries go when read again; a bound keeps a flood of one-off channels from growing it.
          if (cache.size > 50_000) cache.clear();
          cache.set(channelId, { seen, until: clock() + ttlMs });
          return seen;
        });
        reading.set(channelId, pending);
      }
      return pending;
    },
  };
}
