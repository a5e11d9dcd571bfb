import { describe, expect, it } from "vitest";
import { createRateWindow } from "./rate-window.ts";

describe("the rig's chat rate window", () => {
  it("allows at most 12 in any rolling minute, even across what a fixed window would reset", () => {
    let now = 1_000_000;
    const window = createRateWindow({ limit: 12, windowMs: 60_000, clock: () => now });
    for (let i = 0; i < 6; i++) expect(window.take("ch").allowed).toBe(true);
    now += 50_000;
    for (let i = 0; i < 6; i++) expect(window.take("ch").allowed).toBe(true);
    expect(window.take("ch")).toMatchObject({ allowed: false, remaining: 0, resetAt: 1_060 });

    now += 11_000;
    const freed = Array.from({ length: 7 }, () => window.take("ch").allowed);
    expect(freed).toEqual([true, true, true, true, true, true, false]);
    expect(window.peek("ch")).toMatchObject({
      remaining: 0,
      resetAt: Math.ceil((1_050_000 + 60_000) / 1000),
    });
  });

  it("counts each channel on its own", () => {
    const window = createRateWindow({ limit: 1, windowMs: 60_000, clock: () => 0 });
    expect(window.take("a").allowed).toBe(true);
    expect(window.take("b").allowed).toBe(true);
    expect(window.take("a").allowed).toBe(false);
  });
});
