import type { Scheduler } from "../../src/delivery/scheduler.ts";

/** A clock and timers that move only when the test says so: `advance` fires due timers in order. */
export interface ManualTime {
  clock: () => number;
  scheduler: Scheduler;
  advance(ms: number): void;
  /** Timers waiting to fire. */
  pending(): number;
}

export function createManualTime(start: number): ManualTime {
  let now = start;
  let seq = 0;
  const timers: { at: number; seq: number; fn: () => void }[] = [];
  const remove = (timer: (typeof timers)[number]) => {
    const index = timers.indexOf(timer);
    if (index >= 0) timers.splice(index, 1);
  };
  return {
    clock: () => now,
    scheduler: {
      setTimeout(fn, ms) {
        const timer = { at: now + Math.max(0, ms), seq: seq++, fn };
        timers.push(timer);
        return () => remove(timer);
      },
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        remove(due);
        now = Math.max(now, due.at);
        due.fn();
      }
      now = target;
    },
    pending: () => timers.length,
  };
}
