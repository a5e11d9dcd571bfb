import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createThrottle } from "./throttle.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createThrottle", () => {
  it("runs the first call at once and a flood after it as one run when the interval is up", () => {
    const runs: number[] = [];
    const throttle = createThrottle(() => runs.push(Date.now()), 1_000);
    const start = Date.now();

    throttle.call();
    for (let i = 0; i < 50; i++) throttle.call();
    expect(runs).toEqual([start]);

    vi.advanceTimersByTime(999);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start, start + 1_000]);
  });

  it("runs at once again once a whole interval passed without a call", () => {
    let runs = 0;
    const throttle = createThrottle(() => runs++, 1_000);
    throttle.call();
    vi.advanceTimersByTime(5_000);
    throttle.call();
    expect(runs).toBe(2);
  });

  it("forgets a waiting run when cancelled", () => {
    let runs = 0;
    const throttle = createThrottle(() => runs++, 1_000);
    throttle.call();
    throttle.call();
    throttle.cancel();
    vi.advanceTimersByTime(2_000);
    expect(runs).toBe(1);
  });
});
