import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Cooldowns } from "../cooldowns.ts";
import type { RedisClient } from "./connection.ts";
import type { RedisKeys } from "./keys.ts";

/**
 * The per-viewer cooldown shared by every instance: rate-limiter-flexible's `RateLimiterRedis`, one point
 * per `seconds` per key (channel + opaque user id), so a viewer who hits another instance still waits.
 * `seconds` 0 turns it off.
 */
export function createRedisCooldowns(input: {
  redis: RedisClient;
  keys: RedisKeys;
  seconds: number;
}): Cooldowns {
  const limiter =
    input.seconds > 0
      ? new RateLimiterRedis({
          storeClient: input.redis,
          keyPrefix: input.keys.cooldownPrefix,
          points: 1,
          duration: input.seconds,
        })
      : undefined;
  return {
    async take(key) {
      if (!limiter) return { ok: true };
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}
