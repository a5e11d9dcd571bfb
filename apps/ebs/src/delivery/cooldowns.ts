import type { Clock } from "@ext/shared";
import { createFifo } from "./fifo.ts";

export type CooldownResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A per-viewer cooldown: one action per viewer and channel every `seconds`. */
export interface Cooldowns {
  /** Starts the viewer's cooldown if it is over; otherwise the seconds left to wait (a shared store: a promise). */
  take(key: string): CooldownResult | Promise<CooldownResult>;
}

/** The in-memory cooldowns, which also say how many are still running (it forgets the others as it goes). */
export interface MemoryCooldowns extends Cooldowns {
  readonly size: number;
}

/** `seconds` 0 turns the cooldown off. The key is channel + opaque user id. */
export function createCooldowns(input: { seconds: number; clock: Clock }): MemoryCooldowns {
  const until = new Map<string, number>();
  const ms = input.seconds * 1000;
  // Every cooldown lasts `ms`, so the order they started in is the order they end in: forgetting the ended
  // ones means reading from the front (a key started again has a newer entry further on).
  const started = createFifo<{ key: string; ends: number }>();

  function forgetEnded(now: number) {
    for (let next = started.peek(); next !== undefined && next.ends <= now; next = started.peek()) {
      if (until.get(next.key) === next.ends) until.delete(next.key);
      started.shift();
    }
  }

  return {
    take(key) {
      if (ms <= 0) return { ok: true };
      const now = input.clock();
      forgetEnded(now);
      const ends = until.get(key);
      if (ends !== undefined && ends > now) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - now) / 1000)) };
      }
      until.set(key, now + ms);
      started.push({ key, ends: now + ms });
      return { ok: true };
    },
    get size() {
      return until.size;
    },
  };
}
