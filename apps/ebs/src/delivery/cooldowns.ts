import type { Clock } from "@ext/shared";

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
  // ones means reading from the front of this list (a key started again has a newer entry further on).
  let started: { key: string; ends: number }[] = [];
  let head = 0;

  function forgetEnded(now: number) {
    while (head < started.length) {
      const { key, ends } = started[head] as { key: string; ends: number };
      if (ends > now) break;
      if (until.get(key) === ends) until.delete(key);
      head++;
    }
    if (head > 1024 && head * 2 > started.length) {
      started = started.slice(head);
      head = 0;
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
