import type { ChatSendResult } from "../twitch/ports.ts";

/** Twitch's chat limit for one channel, and how the queue spreads a busy channel's sends. */
export interface ChatLimits {
  /** Messages per window (Twitch: 12). */
  perWindow: number;
  /** The window, in milliseconds (Twitch: one minute). */
  windowMs: number;
  /**
   * Sends allowed back to back in a window; past that, sends are spaced by `windowMs / perWindow` so a
   * busy channel keeps posting every few seconds instead of spending its whole minute at once.
   */
  burst: number;
}

/**
 * Twitch's 12 a minute per channel, counted over 61 s: a second of slack for the time a call takes to reach
 * Twitch and for clocks that differ, so Twitch never sees a 13th message in its own minute.
 */
export const TWITCH_CHAT_LIMITS: ChatLimits = { perWindow: 12, windowMs: 61_000, burst: 6 };

/**
 * One channel's chat budget: counts its own sends in a sliding window, and obeys what Twitch said
 * (`Ratelimit-Remaining: 0` until `Ratelimit-Reset`, a 429's reset, a backoff after a failure).
 */
export interface RateGate {
  /** Milliseconds to wait before the next send may start; 0 means now. */
  waitMs(now: number): number;
  /** Counts one Helix call (whatever its answer: a call Twitch may count is a call). */
  record(now: number): void;
  /** Follows `Ratelimit-Remaining` / `Ratelimit-Reset` from an answer. */
  follow(rateLimit: ChatSendResult["rateLimit"], now: number): void;
  /** No send before `until` (epoch ms). */
  blockUntil(until: number): void;
  /** True when nothing in the window and no block: the gate can be forgotten. */
  idle(now: number): boolean;
  /** Calls counted in the window ending now. */
  sentInWindow(now: number): number;
}

export function createRateGate(limits: ChatLimits): RateGate {
  const sends: number[] = [];
  let blockedUntil = 0;
  const spacing = limits.windowMs / limits.perWindow;
  const prune = (now: number) => {
    while (sends.length > 0 && (sends[0] as number) + limits.windowMs <= now) sends.shift();
  };
  return {
    waitMs(now) {
      prune(now);
      let wait = Math.max(0, blockedUntil - now);
      if (sends.length >= limits.perWindow) {
        wait = Math.max(wait, (sends[sends.length - limits.perWindow] as number) + limits.windowMs - now);
      }
      if (sends.length >= limits.burst) {
        wait = Math.max(wait, (sends.at(-1) as number) + spacing - now);
      }
      return Math.max(0, Math.ceil(wait));
    },
    record(now) {
      sends.push(now);
    },
    follow(rateLimit, now) {
      if (!rateLimit) return;
      const { remaining, resetAtSeconds } = rateLimit;
      if (remaining !== undefined && remaining <= 0 && resetAtSeconds !== undefined) {
        const until = Math.min(resetAtSeconds * 1000, now + limits.windowMs);
        blockedUntil = Math.max(blockedUntil, until);
      }
    },
    blockUntil(until) {
      blockedUntil = Math.max(blockedUntil, until);
    },
    idle(now) {
      prune(now);
      return sends.length === 0 && blockedUntil <= now;
    },
    sentInWindow(now) {
      prune(now);
      return sends.length;
    },
  };
}
