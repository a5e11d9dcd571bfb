import type { LiveRefusal } from "@ext/shared";
import { AppError } from "../app-error.ts";
import type { FailurePlan } from "../delivery/failure-plan.ts";

/**
 * The dashboard's refusal for a chat send Twitch did not take: a refusal or a 429 (Twitch's answer, in the
 * queue's words); none for no answer or a 5xx, which are retried and say nothing about the channel.
 */
export function chatRefusal(
  plan: FailurePlan<unknown>,
  error: unknown,
  now: number,
): LiveRefusal | undefined {
  if (plan.kind === "unavailable") return undefined;
  return {
    at: new Date(now).toISOString(),
    call: "chat",
    status: error instanceof AppError && error.twitchStatus !== undefined ? error.twitchStatus : 0,
    code: plan.error.code,
    words: plan.error.message,
  };
}
