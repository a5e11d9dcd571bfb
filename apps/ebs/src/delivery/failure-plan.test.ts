import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { planFailure } from "./failure-plan.ts";

const retry = { maxAttempts: 3, baseMs: 1000, maxMs: 60_000 };
const now = 1_000_000;
const batch = [
  { id: "a", failures: 0 },
  { id: "b", failures: 2 },
];
const plan = (error: unknown) => planFailure({ error, batch, now, retry, windowMs: 60_000, random: () => 0 });

describe("what a queue does with a batch Twitch did not take", () => {
  it("429: the whole batch again, failures not counted, nothing before Ratelimit-Reset", () => {
    const error = new AppError({
      code: "twitch_rate_limited",
      status: 503,
      message: "429",
      retryAfterSeconds: 7,
    });
    expect(plan(error)).toMatchObject({
      kind: "rate_limited",
      again: batch,
      failed: [],
      blockUntil: now + 7000,
    });
  });

  it("429 without a reset: waits a whole chat window", () => {
    const error = new AppError({ code: "twitch_rate_limited", status: 503, message: "429" });
    expect(plan(error).blockUntil).toBe(now + 60_000);
  });

  it("5xx: counts a failure, retries after the backoff, and fails the actions on their last attempt", () => {
    const error = new AppError({ code: "twitch_unavailable", status: 502, message: "Twitch answered 503" });
    expect(plan(error)).toEqual({
      kind: "unavailable",
      again: [{ id: "a", failures: 1 }],
      failed: [{ id: "b", failures: 3 }],
      error: { code: "twitch_unavailable", message: "Twitch answered 503" },
      blockUntil: now + 500,
      failures: 1,
      waitMs: 500,
    });
  });

  it("a refusal retrying cannot fix: every action fails with the reason, nothing is blocked", () => {
    const error = new AppError({ code: "chat_refused", status: 502, message: "Twitch refused (401)" });
    expect(plan(error)).toMatchObject({ kind: "refused", again: [], failed: batch, blockUntil: undefined });
  });

  it("an unexpected error fails the batch as internal, without its stack", () => {
    const result = plan(new TypeError("boom"));
    expect(result).toMatchObject({ kind: "refused", error: { code: "internal", message: "boom" } });
  });
});
