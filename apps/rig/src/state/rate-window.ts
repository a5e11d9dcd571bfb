import type { Clock } from "@ext/shared";

/** Where a key stands in its window: the numbers Helix puts in `Ratelimit-*` headers. */
export interface RateStatus {
  limit: number;
  remaining: number;
  /** Unix seconds when the next use frees up (the oldest counted use leaves the window). */
  resetAt: number;
}

/**
 * "12 messages per minute per channel", as a sliding window: at most `limit` uses in any `windowMs`. Twitch
 * does not document the window's shape; a sliding one is the strict reading, so a client that passes the rig
 * never bursts past the limit around a window's edge (24 in a few seconds with fixed windows).
 */
export interface RateWindow {
  /** Counts one use if there is room; `allowed` false when the limit is reached. */
  take(key: string): RateStatus & { allowed: boolean };
  peek(key: string): RateStatus;
}

export function createRateWindow(input: { limit: number; windowMs: number; clock: Clock }): RateWindow {
  const uses = new Map<string, number[]>();
  const current = (key: string, now: number): number[] => {
    const kept = (uses.get(key) ?? []).filter((at) => at > now - input.windowMs);
    if (kept.length === 0) uses.delete(key);
    else uses.set(key, kept);
    return kept;
  };
  const status = (list: readonly number[], now: number): RateStatus => ({
    limit: input.limit,
    remaining: Math.max(0, input.limit - list.length),
    resetAt: Math.ceil(((list[0] ?? now) + input.windowMs) / 1000),
  });
  return {
    take(key) {
      const now = input.clock();
      const list = current(key, now);
      if (list.length >= input.limit) return { ...status(list, now), allowed: false };
      const next = [...list, now];
      uses.set(key, next);
      return { ...status(next, now), allowed: true };
    },
    peek(key) {
      const now = input.clock();
      return status(current(key, now), now);
    },
  };
}
