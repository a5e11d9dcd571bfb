import type { Clock } from "@ext/shared";

/** Entries kept before expired ones are swept. */
const SWEEP_AT = 50_000;

export type CooldownResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A per-viewer cooldown: one action per viewer and channel every `seconds`. */
export interface Cooldowns {
  /** Starts the viewer's cooldown if it is over; otherwise the seconds left to wait (a shared store: a promise). */
  take(key: string): CooldownResult | Promise<CooldownResult>;
}

/** `seconds` 0 turns the cooldown off. The key is channel + opaque user id. */
export function createCooldowns(input: { seconds: number; clock: Clock }): Cooldowns {
  const until = new Map<string, number>();
  const ms = input.seconds * 1000;
  return {
    take(key) {
      if (ms <= 0) return { ok: true };
      const now = input.clock();
      const ends = until.get(key);
      if (ends !== undefined && ends > now) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - now) / 1000)) };
      }
      if (until.size >= SWEEP_AT) {
        for (const [k, end] of until) if (end <= now) until.delete(k);
      }
      until.delete(key);
      until.set(key, now + ms);
      return { ok: true };
    },
  };
}
