import { randomUUID } from "node:crypto";
import type { ChatSendResult } from "../../twitch/ports.ts";
import type { ChatLimits } from "../rate-gate.ts";
import type { RedisClient } from "./connection.ts";
import type { RedisKeys } from "./keys.ts";
import { defineScript } from "./scripts.ts";

/**
 * A channel's chat budget shared by every instance: the same rule as the in-memory `rate-gate.ts` (a
 * sliding window of `windowMs` holding at most `perWindow` calls, spaced `windowMs / perWindow` apart after
 * `burst` back-to-back calls, nothing before a block set by Twitch's answers), checked and recorded in one
 * atomic step so two instances can never both take the 12th slot.
 *
 * Why not rate-limiter-flexible here: its Redis limiter counts in fixed windows, and two fixed windows
 * that do not line up with Twitch's let through up to twice the limit around a window's edge; Twitch's
 * minute starts whenever the channel's first message arrives, so only a sliding window keeps every
 * possible minute at 12. The cooldowns, where a fixed window is exactly right, do use it.
 */
export interface ChatBudget {
  /** Takes a slot and answers 0, or answers the milliseconds to wait before one is free. */
  take(channelId: string, now: number): Promise<number>;
  /** No call before `until` (epoch ms): a 429's reset, a backoff. */
  blockUntil(channelId: string, until: number, now: number): Promise<void>;
  /** Follows `Ratelimit-Remaining: 0` until `Ratelimit-Reset` from an accepted call's answer. */
  follow(channelId: string, rateLimit: ChatSendResult["rateLimit"], now: number): Promise<void>;
  /** Calls counted in the window ending now. */
  sentInWindow(channelId: string, now: number): Promise<number>;
}

const TAKE = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local perWindow = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local spacing = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local wait = 0
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then wait = blocked - now end
local count = redis.call('ZCARD', KEYS[1])
if count >= perWindow then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + windowMs - now)
end
if count >= burst then
  local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  wait = math.max(wait, tonumber(newest[2]) + spacing - now)
end
if wait > 0 then return math.ceil(wait) end
redis.call('ZADD', KEYS[1], now, ARGV[6])
redis.call('PEXPIRE', KEYS[1], windowMs)
return 0`;

const BLOCK = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current and untilMs > now then
  redis.call('SET', KEYS[1], untilMs, 'PX', math.ceil(untilMs - now))
end
return 0`;

export function createChatBudget(input: {
  redis: RedisClient;
  keys: RedisKeys;
  limits: ChatLimits;
}): ChatBudget {
  const { redis, keys, limits } = input;
  const take = defineScript(redis, "ebsBudgetTake", TAKE);
  const block = defineScript(redis, "ebsBudgetBlock", BLOCK);
  const spacing = limits.windowMs / limits.perWindow;
  const blockUntil = async (ch: string, until: number, now: number) => {
    await block([keys.blockedUntil(ch)], [now, Math.ceil(until)]);
  };
  return {
    take: async (ch, now) =>
      Number(
        await take(
          [keys.sends(ch), keys.blockedUntil(ch)],
          [now, limits.windowMs, limits.perWindow, limits.burst, spacing, `${now}:${randomUUID()}`],
        ),
      ),
    blockUntil,
    async follow(ch, rateLimit, now) {
      if (!rateLimit) return;
      const { remaining, resetAtSeconds } = rateLimit;
      if (remaining !== undefined && remaining <= 0 && resetAtSeconds !== undefined) {
        await blockUntil(ch, Math.min(resetAtSeconds * 1000, now + limits.windowMs), now);
      }
    },
    async sentInWindow(ch, now) {
      return redis.zcount(keys.sends(ch), `(${now - limits.windowMs}`, "+inf");
    },
  };
}
