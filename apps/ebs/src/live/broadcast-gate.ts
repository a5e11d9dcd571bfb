import type { RedisClient } from "../delivery/redis/connection.ts";
import type { RedisKeys } from "../delivery/redis/keys.ts";
import { defineScript } from "../delivery/redis/scripts.ts";

/**
 * When a channel may broadcast on PubSub: at most once per interval, and not before a wait Twitch asked for
 * (a 429, `Ratelimit-Remaining: 0`). In memory for one instance; in Redis every instance shares it, so
 * together they stay at one broadcast per channel per interval.
 */
export interface BroadcastGate {
  /** 0: go (the interval's slot is taken now); otherwise the milliseconds to wait before asking again. */
  take(channelId: string, now: number): Promise<number>;
  /** Nothing is broadcast to the channel before `until` (epoch ms). */
  blockUntil(channelId: string, until: number, now: number): Promise<void>;
}

export function createMemoryBroadcastGate(intervalMs: number): BroadcastGate {
  const openAt = new Map<string, number>();
  return {
    async take(channelId, now) {
      const at = openAt.get(channelId) ?? 0;
      if (at > now) return at - now;
      if (openAt.size > 10_000) for (const [ch, t] of openAt) if (t <= now) openAt.delete(ch);
      openAt.set(channelId, now + intervalMs);
      return 0;
    },
    async blockUntil(channelId, until) {
      openAt.set(channelId, Math.max(openAt.get(channelId) ?? 0, until));
    },
  };
}

/** KEYS: the gate. ARGV: the interval (ms). */
const TAKE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then return ttl end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return 0`;

/** KEYS: the gate. ARGV: the wait (ms); a longer wait already set stays. */
const BLOCK = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0`;

export function createRedisBroadcastGate(input: {
  redis: RedisClient;
  keys: RedisKeys;
  intervalMs: number;
}): BroadcastGate {
  const { redis, keys, intervalMs } = input;
  const take = defineScript(redis, "ebsPubSubGateTake", TAKE);
  const block = defineScript(redis, "ebsPubSubGateBlock", BLOCK);
  return {
    async take(channelId) {
      return Number(await take([keys.pubsubGate(channelId)], [intervalMs]));
    },
    async blockUntil(channelId, until, now) {
      const ms = Math.ceil(until - now);
      if (ms > 0) await block([keys.pubsubGate(channelId)], [ms]);
    },
  };
}
