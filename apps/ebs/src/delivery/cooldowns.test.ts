import { describe, expect, it } from "vitest";
import { createCooldowns } from "./cooldowns.ts";

function cooldowns(seconds: number) {
  let now = Date.parse("2026-03-01T12:00:00Z");
  const c = createCooldowns({ seconds, clock: () => now });
  return { c, advance: (ms: number) => (now += ms) };
}

describe("the in-memory per-viewer cooldown", () => {
  it("refuses the same viewer until the cooldown is over, with the seconds left, rounded up", () => {
    const { c, advance } = cooldowns(10);
    expect(c.take("1001:U1")).toEqual({ ok: true });
    advance(2_500);
    expect(c.take("1001:U1")).toEqual({ ok: false, retryAfterSeconds: 8 });
    expect(c.take("1001:U2")).toEqual({ ok: true });
    advance(7_500);
    expect(c.take("1001:U1")).toEqual({ ok: true });
  });

  it("forgets the cooldowns that ended, so it holds only those still running", () => {
    const { c, advance } = cooldowns(10);
    for (let i = 0; i < 5_000; i++) {
      c.take(`1001:U${i}`);
      advance(10);
    }
    // 10 s at 10 ms apart: the last 1,000 viewers are still cooling down.
    expect(c.size).toBe(1_000);
    expect(c.take("1001:U4999")).toMatchObject({ ok: false });
    expect(c.take("1001:U3999")).toEqual({ ok: true });
  });

  it("keeps a cooldown started again after an older one of the same viewer ended", () => {
    const { c, advance } = cooldowns(1);
    c.take("k");
    advance(1_000);
    c.take("k");
    c.take("other");
    advance(500);
    expect(c.take("k")).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("is off with 0 seconds", () => {
    const { c } = cooldowns(0);
    expect(c.take("k")).toEqual({ ok: true });
    expect(c.take("k")).toEqual({ ok: true });
    expect(c.size).toBe(0);
  });
});
