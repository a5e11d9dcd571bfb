import type { Clock } from "@ext/shared";
import {
  type ExtensionTransaction,
  getExtensionTransactions,
  TRANSACTIONS_PAGE_MAX,
} from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Scheduler } from "../delivery/scheduler.ts";
import type { HelixClient } from "../twitch/helix-client.ts";
import type { BitsAnnouncer } from "./bits-announcer.ts";
import { reportOfTransaction } from "./transaction-report.ts";

/**
 * Purchases older than this are not announced by reconciliation: a late announcement is for a purchase the
 * panel or EventSub missed, not for a deploy with an empty ledger to replay the extension's history in chat.
 */
export const RECONCILE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Pages read at most per run (100 transactions each): a bound on one run's Helix calls. */
export const RECONCILE_MAX_PAGES = 50;

export interface BitsReconciler {
  /** Reads Get Extension Transactions, newest first, until the window ends; announces what no path reported. */
  run(): Promise<{ seen: number; queued: number }>;
  /** Runs once now and then every `intervalMs` (0: only now). */
  start(): void;
  stop(): void;
}

/**
 * Reconciliation with Twitch: every purchase Twitch recorded in the last {@link RECONCILE_WINDOW_MS} goes
 * through the announcer (the ledger's claim), so one the panel never reported and EventSub never delivered
 * is announced late, never lost and never twice. App token, one Helix client, pagination with `after`.
 */
export function createBitsReconciler(input: {
  helix: HelixClient;
  clientId: string;
  announcer: BitsAnnouncer;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  intervalMs: number;
}): BitsReconciler {
  const { helix, clientId, announcer, clock, scheduler, logger, intervalMs } = input;
  let cancel: (() => void) | undefined;
  let stopped = false;
  let running: Promise<unknown> | undefined;

  async function announce(tx: ExtensionTransaction): Promise<boolean> {
    const { status } = await announcer.announce(reportOfTransaction(tx, "transactions_api"));
    return status === "queued";
  }

  async function run() {
    const oldest = clock() - RECONCILE_WINDOW_MS;
    let seen = 0;
    let queued = 0;
    let after: string | undefined;
    for (let page = 0; page < RECONCILE_MAX_PAGES; page++) {
      const { data } = await helix.call(
        getExtensionTransactions({ clientId, first: TRANSACTIONS_PAGE_MAX, ...(after ? { after } : {}) }),
      );
      let pastWindow = false;
      for (const tx of data.data) {
        if (Date.parse(tx.timestamp) < oldest) {
          pastWindow = true;
          continue;
        }
        seen++;
        if (await announce(tx)) queued++;
      }
      after = data.pagination?.cursor;
      if (!after || pastWindow || data.data.length === 0) break;
    }
    if (queued > 0) {
      logger.info(
        { event: "bits_reconciled", seen, queued },
        "reconciliation found purchases no other path reported",
      );
    }
    return { seen, queued };
  }

  function schedule() {
    if (stopped || intervalMs <= 0) return;
    cancel = scheduler.setTimeout(() => {
      cancel = undefined;
      void runLogged().finally(schedule);
    }, intervalMs);
  }

  async function runLogged() {
    if (running) return;
    running = run()
      .catch((error) => {
        logger.warn(
          { event: "bits_reconcile_failed", error: safeCause(error).message },
          "reconciliation with Get Extension Transactions failed; the next run tries again",
        );
      })
      .finally(() => {
        running = undefined;
      });
    await running;
  }

  return {
    run,
    start() {
      void runLogged().finally(schedule);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
