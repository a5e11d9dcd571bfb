import { describe, expect, it } from "vitest";
import { createTokenBucket } from "./token-bucket.ts";

describe("the rig's PubSub token bucket", () => {
  it("lets a burst of 100 through, then one more for each second waited", () => {
    let now = 1_000_000;
    const bucket = createTokenBucket({ capacity: 100, refillMs: 1000, clock: () => now });
    const burst = Array.from({ length: 101 }, () => bucket.take("ch"));
    expect(burst.filter((r) => r.allowed)).toHaveLength(100);
    expect(burst[99]).toMatchObject({ allowed: true, remaining: 0, limit: 100, resetAt: 1_100 });
    expect(burst[100]).toMatchObject({ allowed: false, remaining: 0 });

    now += 999;
    expect(bucket.take("ch").allowed).toBe(false);
    now += 1;
    expect(bucket.take("ch")).toMatchObject({ allowed: true, remaining: 0 });
    expect(bucket.take("ch").allowed).toBe(false);

    now += 5_500;
    expect(bucket.peek("ch")).toMatchObject({ remaining: 5, resetAt: 1_101 });
    const five = Array.from({ length: 6 }, () => bucket.take("ch").allowed);
    expect(five).toEqual([true, true, true, true, true, false]);
  });

  it("fills up again after capacity seconds and keeps each key apart", () => {
    let now = 0;
    const bucket = createTokenBucket({ capacity: 3, refillMs: 1000, clock: () => now });
    for (let i = 0; i < 3; i++) bucket.take("a");
    expect(bucket.take("a").allowed).toBe(false);
    expect(bucket.take("b")).toMatchObject({ allowed: true, remaining: 2 });
    now += 3_000;
    expect(bucket.peek("a")).toEqual({ limit: 3, remaining: 3, resetAt: 3 });
    expect(bucket.take("a")).toMatchObject({ allowed: true, remaining: 2, resetAt: 4 });
  });
});
