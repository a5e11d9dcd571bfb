import type { Clock } from "@ext/shared";

/** Where a key stands in its window: the numbers Helix puts in `Ratelimit-*` headers. */
export interface RateStatus {
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  resetAt: number;
}

/** A fixed one-window-per-key limiter ("12 messages per minute per channel"). */
export interface RateWindow {
  /** Counts one use if there is room; `allowed` false when the limit is reached. */
  take(key: string): RateStatus & { allowed: boolean };
  peek(key: string): RateStatus;
}

export function createRateWindow(input: { limit: number; windowMs: number; clock: Clock }): RateWindow {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string) => {
    const now = input.clock();
    const found = windows.get(key);
    if (found && now < found.start + input.windowMs) return found;
    const fresh = { start: now, count: 0 };
    windows.set(key, fresh);
    return fresh;
  };
  const status = (w: { start: number; count: number }): RateStatus => ({
    limit: input.limit,
    remaining: Math.max(0, input.limit - w.count),
    resetAt: Math.ceil((w.start + input.windowMs) / 1000),
  });
  return {
    take(key) {
      const w = current(key);
      if (w.count >= input.limit) return { ...status(w), allowed: false };
      w.count++;
      return { ...status(w), allowed: true };
    },
    peek: (key) => status(current(key)),
  };
}
