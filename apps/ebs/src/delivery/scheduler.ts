/** Runs a function later; returns a function that cancels it. Injected so tests move time by hand. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): () => void;
}

/** Real timers. */
export const systemScheduler: Scheduler = {
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};
