import { randomUUID } from "node:crypto";
import { BITS_CATALOGUE, type BitsCatalogue, bitsActionTemplate, type Clock } from "@ext/shared";
import { opaqueIdFor } from "@ext/shared/server";
import type { Logger } from "pino";
import type { DeliveryQueue } from "../delivery/delivery-queue.ts";
import type { BitsLedger, BitsLedgerEntry, BitsReportSource } from "../store/bits-ledger.ts";
import { recordWithoutChat } from "./chat-off.ts";

/** Wording of a purchase whose SKU is not in the catalogue (Twitch sold a product the repository dropped). */
export const UNKNOWN_PRODUCT_TEMPLATE = "{viewer} cheered {bits} Bits: {product}!";

/** How long, and how many times, the announcer waits for a purchase's message to record it in the ledger. */
const FOLLOW_WAIT_MS = 60_000;
const FOLLOW_ATTEMPTS = 10;

/** One Bits purchase as any path reports it, already trusted (a verified receipt, a signed delivery, Helix). */
export interface BitsReport {
  transactionId: string;
  channelId: string;
  userId: string;
  sku: string;
  /** What the reporting path says of the product; the catalogue's entry wins when the SKU is in it. */
  product: { displayName: string; bits: number };
  source: BitsReportSource;
}

export interface BitsAnnouncement {
  /**
   * `queued`: this report claimed the transaction; `known`: another report (any path) did before;
   * `recorded_chat_off`: this report claimed it and it is recorded, not posted (chat messages are off).
   */
  status: "queued" | "known" | "recorded_chat_off";
  entry: BitsLedgerEntry;
}

/** Turns every report of a purchase into at most one announcement: the ledger's claim, then the queue. */
export interface BitsAnnouncer {
  announce(report: BitsReport): Promise<BitsAnnouncement>;
  /**
   * At start with the in-memory queue: queues again, under their own action ids, the claims chat never
   * showed (the process that claimed them stopped first). Answers how many. Redis mode keeps its queue.
   */
  requeueUnannounced(): Promise<number>;
}

/** Claims queued again at one start, at most (a bound, far above what a crash leaves). */
export const REQUEUE_MAX = 1000;

/**
 * The one place every Bits path meets: claims the transaction in the ledger with a fresh action id, and only
 * the claim's winner queues the purchase action (one message, by name, the product's template). A second
 * report, from any path or instance, gets the first one's entry and queues nothing.
 */
export function createBitsAnnouncer(input: {
  ledger: BitsLedger;
  queue: DeliveryQueue;
  clock: Clock;
  logger: Logger;
  catalogue?: Pick<BitsCatalogue, "bySku">;
  /** Whether the channel's broadcaster lets the extension post (absent: always); asked once per claim. */
  chatEnabled?: (channelId: string) => Promise<boolean>;
}): BitsAnnouncer {
  const { ledger, queue, clock, logger } = input;
  const catalogue = input.catalogue ?? BITS_CATALOGUE;

  /** Writes chat's text into the ledger once the action is sent (bounded: a few long waits, then gives up). */
  async function recordAnnouncement(entry: BitsLedgerEntry) {
    try {
      for (let attempt = 0; attempt < FOLLOW_ATTEMPTS; attempt++) {
        const record = await queue.waitForChange(entry.actionId, entry.channelId, FOLLOW_WAIT_MS);
        if (!record || record.status === "failed") return;
        if (record.status === "sent") {
          const at = new Date(clock()).toISOString();
          await ledger.markAnnounced(entry.transactionId, { text: record.text ?? "", at });
          return;
        }
      }
    } catch (error) {
      logger.warn(
        { event: "bits_follow_failed", transactionId: entry.transactionId, error: String(error) },
        "could not record the Bits announcement in the ledger",
      );
    }
  }

  function templateFor(entry: Pick<BitsLedgerEntry, "sku" | "bits">, displayName: string): string {
    const known = catalogue.bySku(entry.sku);
    return bitsActionTemplate(known?.chatTemplate ?? UNKNOWN_PRODUCT_TEMPLATE, {
      displayName: known?.product.displayName ?? displayName,
      cost: entry.bits,
    });
  }

  function actionOf(entry: BitsLedgerEntry, displayName: string) {
    return {
      id: entry.actionId,
      kind: "purchase" as const,
      channelId: entry.channelId,
      opaqueUserId: opaqueIdFor(entry.userId),
      userId: entry.userId,
      template: templateFor(entry, displayName),
    };
  }

  return {
    async requeueUnannounced() {
      const lost = await ledger.unannounced(REQUEUE_MAX);
      for (const entry of lost) {
        await queue.enqueue(actionOf(entry, entry.sku));
        void recordAnnouncement(entry);
      }
      if (lost.length > 0) {
        logger.info({ event: "bits_requeued", transactions: lost.length }, "Bits purchases queued again");
      }
      return lost.length;
    },
    async announce(report) {
      const known = catalogue.bySku(report.sku);
      const product = known
        ? known.product
        : { displayName: report.product.displayName, cost: report.product.bits };
      const entry: BitsLedgerEntry = {
        transactionId: report.transactionId,
        channelId: report.channelId,
        userId: report.userId,
        sku: report.sku,
        bits: product.cost,
        actionId: randomUUID(),
        source: report.source,
        claimedAt: new Date(clock()).toISOString(),
      };
      const claim = await ledger.claim(entry);
      if (!claim.claimed) {
        logger.debug(
          { event: "bits_known", transactionId: report.transactionId, source: report.source },
          "Bits transaction already announced",
        );
        return { status: "known", entry: claim.entry };
      }
      if (input.chatEnabled && !(await input.chatEnabled(entry.channelId))) {
        await recordWithoutChat({ ledger, clock, logger }, entry);
        return { status: "recorded_chat_off", entry };
      }
      const action = actionOf(entry, report.product.displayName);
      try {
        await queue.enqueue(action);
      } catch (error) {
        // Not queued: the claim goes, so the next report (a retry, EventSub, reconciliation) announces it.
        await ledger.release(entry.transactionId, entry.actionId).catch(() => {});
        throw error;
      }
      void recordAnnouncement(entry);
      logger.info(
        {
          event: "bits_announced",
          transactionId: entry.transactionId,
          broadcasterId: entry.channelId,
          sku: entry.sku,
          bits: entry.bits,
          source: entry.source,
        },
        "Bits purchase queued for chat",
      );
      return { status: "queued", entry };
    },
  };
}
