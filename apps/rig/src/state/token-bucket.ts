import type { Clock } from "@ext/shared";
import type { RateStatus, RateWindow } from "./rate-window.ts";

/**
 * Extension PubSub's limit as developers observe it (TWITCH.md): a bucket of `capacity` per key that gains one
 * use back every `refillMs`, so a burst of 100 passes and then one a second. `resetAt` is when the bucket is
 * full again, as Helix's `Ratelimit-Reset` says for its token buckets. Same interface as the chat's window.
 */
export function createTokenBucket(input: { capacity: number; refillMs: number; clock: Clock }): RateWindow {
  const { capacity, refillMs } = input;
  /** Keys with a bucket that is not full: tokens left, and when the last refill step happened. */
  const buckets = new Map<string, { tokens: number; at: number }>();
  const current = (key: string, now: number) => {
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: capacity, at: now };
    const steps = Math.floor((now - bucket.at) / refillMs);
    if (steps <= 0) return bucket;
    const tokens = Math.min(capacity, bucket.tokens + steps);
    return { tokens, at: tokens === capacity ? now : bucket.at + steps * refillMs };
  };
  const status = (bucket: { tokens: number; at: number }): RateStatus => ({
    limit: capacity,
    remaining: bucket.tokens,
    resetAt: Math.ceil((bucket.at + (capacity - bucket.tokens) * refillMs) / 1000),
  });
  const store = (key: string, bucket: { tokens: number; at: number }) => {
    if (bucket.tokens >= capacity) buckets.delete(key);
    else buckets.set(key, bucket);
  };
  return {
    take(key) {
      const bucket = current(key, input.clock());
      if (bucket.tokens < 1) {
        store(key, bucket);
        return { ...status(bucket), allowed: false };
      }
      const next = { tokens: bucket.tokens - 1, at: bucket.at };
      store(key, next);
      return { ...status(next), allowed: true };
    },
    peek(key) {
      return status(current(key, input.clock()));
    },
  };
}
