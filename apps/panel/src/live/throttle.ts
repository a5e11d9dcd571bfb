export interface Throttle {
  /** Runs at once when the last run is `ms` ago, else once when that time is up, however often it is asked. */
  call(): void;
  /** Forgets a run still waiting. */
  cancel(): void;
}

/**
 * Runs `run` at most once per `ms`: the first call at once, and the calls in between as one run at the end
 * of the interval, so the last word is never lost (a flood of broadcasts becomes one read, or one
 * announcement, every `ms`).
 */
export function createThrottle(run: () => void, ms: number, now: () => number = Date.now): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    run();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = last + ms - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
