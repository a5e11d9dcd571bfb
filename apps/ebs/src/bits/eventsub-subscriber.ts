import { BITS_TRANSACTION_EVENT } from "@ext/shared";
import {
  createBitsTransactionSubscription,
  deleteEventSubSubscription,
  getEventSubSubscriptions,
} from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Scheduler } from "../delivery/scheduler.ts";
import { type HelixClient, HelixError } from "../twitch/helix-client.ts";

/** Waits between attempts to subscribe, doubling from 1 s to at most 5 minutes; attempts at most. */
export const SUBSCRIBE_BACKOFF_MS = { first: 1000, max: 5 * 60 * 1000 } as const;
export const SUBSCRIBE_ATTEMPTS = 20;

export interface EventSubSubscriber {
  /** Makes sure this EBS's webhook subscription exists (creates it, or a failed one again); retries with backoff. */
  ensure(): void;
  stop(): void;
}

/**
 * Keeps the `extension.bits_transaction.create` webhook subscription for EVENTSUB_CALLBACK_URL (app token,
 * one Helix client): an enabled or pending one with this callback is kept; a failed or revoked one is
 * deleted and created again; a 409 (another instance just created it) counts as done. Failures retry with
 * a doubling wait, at most {@link SUBSCRIBE_ATTEMPTS} times, then say so in the log.
 */
export function createEventSubSubscriber(input: {
  helix: HelixClient;
  clientId: string;
  callbackUrl: string;
  secret: string;
  scheduler: Scheduler;
  logger: Logger;
}): EventSubSubscriber {
  const { helix, clientId, callbackUrl, secret, scheduler, logger } = input;
  let cancel: (() => void) | undefined;
  let stopped = false;
  let busy = false;

  async function subscribeOnce(): Promise<void> {
    const { data } = await helix.call(getEventSubSubscriptions({ type: BITS_TRANSACTION_EVENT.type }));
    const ours = data.data.filter((s) => s.transport.callback === callbackUrl);
    if (ours.some((s) => s.status === "enabled" || s.status === "webhook_callback_verification_pending")) {
      return;
    }
    for (const old of ours) await helix.call(deleteEventSubSubscription(old.id));
    try {
      await helix.call(createBitsTransactionSubscription({ clientId, callback: callbackUrl, secret }));
      logger.info({ event: "eventsub_subscribed", callback: callbackUrl }, "EventSub subscription created");
    } catch (error) {
      if (error instanceof HelixError && error.status === 409) return;
      throw error;
    }
  }

  function attempt(n: number) {
    if (stopped) return;
    busy = true;
    subscribeOnce()
      .then(() => {
        busy = false;
      })
      .catch((error) => {
        busy = false;
        const last = n + 1 >= SUBSCRIBE_ATTEMPTS;
        logger.warn(
          { event: "eventsub_subscribe_failed", attempt: n + 1, error: safeCause(error).message },
          last
            ? "could not subscribe to EventSub; reconciliation with Get Extension Transactions still finds every purchase"
            : "could not subscribe to EventSub; trying again",
        );
        if (last || stopped) return;
        const wait = Math.min(SUBSCRIBE_BACKOFF_MS.first * 2 ** n, SUBSCRIBE_BACKOFF_MS.max);
        cancel = scheduler.setTimeout(() => {
          cancel = undefined;
          attempt(n + 1);
        }, wait);
      });
  }

  return {
    ensure() {
      if (busy || cancel) return;
      attempt(0);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
