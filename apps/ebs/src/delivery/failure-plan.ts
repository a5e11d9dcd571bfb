import type { ApiErrorCode } from "@ext/shared";
import type { Logger } from "pino";
import { AppError, safeCause } from "../app-error.ts";
import { backoffMs, type RetryPolicy } from "./backoff.ts";

/** What a failed send means for its actions: the code and message to report, and Twitch's wait if any. */
export function outcomeOf(error: unknown): {
  code: ApiErrorCode;
  message: string;
  retryAfterSeconds?: number;
} {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  return { code: "internal", message: safeCause(error).message };
}

/**
 * What a queue does with a batch Twitch did not take, the same in memory and in Redis:
 * - `rate_limited` (429): the whole batch again, nothing before Ratelimit-Reset;
 * - `unavailable` (5xx, timeout, connection error): again with one more failure counted, after a backoff,
 *   except the actions that used their last attempt, which fail;
 * - `refused` (400/401/403/404...): retrying cannot fix it, every action fails with Twitch's reason.
 */
export interface FailurePlan<T> {
  kind: "rate_limited" | "unavailable" | "refused";
  /** To send again, first in line (their `failures` already counted). */
  again: T[];
  /** Given up on: mark them failed with `error`. */
  failed: T[];
  error: { code: ApiErrorCode; message: string };
  /** Send nothing to the channel before this time; undefined when nothing is sent again. */
  blockUntil: number | undefined;
  /** With `unavailable`: the highest failure count among `again`, and the backoff chosen for it. */
  failures?: number;
  waitMs?: number;
}

export function planFailure<T extends { failures: number }>(input: {
  error: unknown;
  batch: readonly T[];
  now: number;
  retry: RetryPolicy;
  /** The chat window, the wait when a 429 names no reset. */
  windowMs: number;
  random: () => number;
}): FailurePlan<T> {
  const { batch, now, retry } = input;
  const outcome = outcomeOf(input.error);
  const error = { code: outcome.code, message: outcome.message };
  if (outcome.code === "twitch_rate_limited") {
    const waitMs = (outcome.retryAfterSeconds ?? input.windowMs / 1000) * 1000;
    return { kind: "rate_limited", again: [...batch], failed: [], error, blockUntil: now + waitMs };
  }
  if (outcome.code !== "twitch_unavailable") {
    return { kind: "refused", again: [], failed: [...batch], error, blockUntil: undefined };
  }
  const again: T[] = [];
  const failed: T[] = [];
  for (const action of batch) {
    const counted = { ...action, failures: action.failures + 1 };
    (counted.failures >= retry.maxAttempts ? failed : again).push(counted);
  }
  if (again.length === 0) return { kind: "unavailable", again, failed, error, blockUntil: undefined };
  const failures = Math.max(...again.map((a) => a.failures));
  const waitMs = backoffMs(retry, failures, input.random);
  return { kind: "unavailable", again, failed, error, blockUntil: now + waitMs, failures, waitMs };
}

/** The log lines of a plan: what was given up (error) and what waits to be sent again (warn). */
export function logFailurePlan(
  logger: Logger,
  input: { broadcasterId: string; plan: FailurePlan<unknown>; maxAttempts: number },
): void {
  const { broadcasterId, plan } = input;
  if (plan.kind === "rate_limited") {
    logger.warn(
      { event: "chat_rate_limited", broadcasterId, actions: plan.again.length },
      "Twitch answered 429: waiting until Ratelimit-Reset",
    );
    return;
  }
  if (plan.failed.length > 0) {
    logger.error(
      { event: "chat_undelivered", broadcasterId, actions: plan.failed.length, reason: plan.error.code },
      plan.kind === "refused"
        ? `chat refused, not retried: ${plan.error.message}`
        : `gave up after ${input.maxAttempts} attempts: ${plan.error.message}`,
    );
  }
  if (plan.again.length > 0) {
    logger.warn(
      {
        event: "chat_retry",
        broadcasterId,
        actions: plan.again.length,
        failures: plan.failures,
        waitMs: plan.waitMs,
      },
      "chat send failed: retrying after a backoff",
    );
  }
}
