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
  /**
   * The opaque id of the viewer whose panel reported it (a receipt): the owner of the announcement's action,
   * who long-polls its status. Twitch's opaque ids cannot be derived from a user id; without one (EventSub,
   * reconciliation, a claim settled again) the owner is a stand-in derived from the buyer's user id, and
   * the status route lets the viewer whose token carries that user id read it.
   */
  viewerOpaqueId?: string;
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
 * How old a pending announcement must be before a sweep queues it: far longer than a report takes from
 * its record to its push (milliseconds), and than the clocks of two instances may differ by (half of it).
 */
export const PENDING_GRACE_MS = 30_000;

/** The announcer, with what the Redis mode's sweeper runs. */
export interface BitsAnnouncerWithSweep extends BitsAnnouncer {
  /**
   * Queues the claims whose report began over `graceMs` ago and never finished its push (its process died
   * between the claim and the push), under their own action ids and at most once each whatever else runs
   * (`enqueueOnce`), and forgets the reports that died before their claim or lost it. At most `limit`.
   * Nothing to do without the ledger's `pending` (SQLite: `requeueUnannounced` at start covers it).
   */
  sweepPending(input: { limit: number }): Promise<{ queued: number; handled: number }>;
}

/**
 * The one place every Bits path meets: claims the transaction in the ledger with a fresh action id, and only
 * the claim's winner queues the purchase action (one message, by name, the product's template). A second
 * report, from any path or instance, gets the first one's entry and queues nothing. The push is
 * `enqueueOnce` under the transaction id, so the winner and a sweeper (Redis mode: the ledger's `pending`
 * records the report before its claim) racing on one claim queue it once.
 */
export function createBitsAnnouncer(input: {
  ledger: BitsLedger;
  queue: DeliveryQueue;
  clock: Clock;
  logger: Logger;
  catalogue?: Pick<BitsCatalogue, "bySku">;
  /** Default {@link PENDING_GRACE_MS}. */
  pendingGraceMs?: number;
  /** Whether the channel's broadcaster lets the extension post (absent: always); asked once per claim. */
  chatEnabled?: (channelId: string) => Promise<boolean>;
}): BitsAnnouncerWithSweep {
  const { ledger, queue, clock, logger } = input;
  const { pending } = ledger;
  const catalogue = input.catalogue ?? BITS_CATALOGUE;
  const graceMs = input.pendingGraceMs ?? PENDING_GRACE_MS;

  /** Queues the entry's action under the transaction id: at most once, whoever else runs it. */
  async function queueOnce(entry: BitsLedgerEntry, displayName: string, owner?: string): Promise<boolean> {
    const { queued } = await queue.enqueueOnce(actionOf(entry, displayName, owner), entry.transactionId);
    return queued;
  }

  /**
   * Settles a claim the way its channel wants it now: recorded without a message while the broadcaster has
   * chat messages off, else queued once. Every path that settles a claim (the report that won it, the start
   * after a crash, the sweeper) goes through here, so none posts in a channel whose chat is off.
   */
  async function settle(
    entry: BitsLedgerEntry,
    displayName: string,
    owner?: string,
  ): Promise<"recorded_chat_off" | boolean> {
    if (input.chatEnabled && !(await input.chatEnabled(entry.channelId))) {
      await recordWithoutChat({ ledger, clock, logger }, entry);
      return "recorded_chat_off";
    }
    return queueOnce(entry, displayName, owner);
  }

  /** Forgets this report's pending record; a record left behind is the sweeper's to drop. */
  async function done(entry: BitsLedgerEntry) {
    await pending?.remove(entry).catch((error: unknown) => {
      logger.warn(
        { event: "bits_pending_left", transactionId: entry.transactionId, error: String(error) },
        "could not forget a pending Bits announcement: the sweeper will",
      );
    });
  }

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

  function actionOf(entry: BitsLedgerEntry, displayName: string, owner = opaqueIdFor(entry.userId)) {
    return {
      id: entry.actionId,
      kind: "purchase" as const,
      channelId: entry.channelId,
      opaqueUserId: owner,
      userId: entry.userId,
      template: templateFor(entry, displayName),
    };
  }

  return {
    async requeueUnannounced() {
      const lost = await ledger.unannounced(REQUEUE_MAX);
      for (const entry of lost) {
        if ((await settle(entry, entry.sku)) !== "recorded_chat_off") void recordAnnouncement(entry);
      }
      if (lost.length > 0) {
        logger.info({ event: "bits_requeued", transactions: lost.length }, "Bits purchases queued again");
      }
      return lost.length;
    },
    async announce(report) {
      const started = clock();
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
        claimedAt: new Date(started).toISOString(),
      };
      const knownEntry = (held: BitsLedgerEntry): BitsAnnouncement => {
        logger.debug(
          { event: "bits_known", transactionId: report.transactionId, source: report.source },
          "Bits transaction already announced",
        );
        return { status: "known", entry: held };
      };
      if (pending) {
        // A transaction claimed before (reconciliation reads every one of the last day) costs one read.
        const held = await ledger.get(entry.transactionId);
        if (held) return knownEntry(held);
        await pending.add({ transactionId: entry.transactionId, actionId: entry.actionId, at: started });
      }
      const claim = await ledger.claim(entry);
      if (!claim.claimed) {
        await done(entry);
        return knownEntry(claim.entry);
      }
      if (pending && clock() - started > graceMs / 2) {
        // A claim this slow may come after a sweep dropped the record as a report that died unclaimed.
        await pending.add({ transactionId: entry.transactionId, actionId: entry.actionId, at: clock() });
      }
      try {
        if (
          (await settle(entry, report.product.displayName, report.viewerOpaqueId)) === "recorded_chat_off"
        ) {
          await done(entry);
          return { status: "recorded_chat_off", entry };
        }
      } catch (error) {
        // Not queued. With a sweeper, the claim and its pending record stay and a sweep queues it under this
        // action id; without one, the claim goes, so the next report (a retry, EventSub...) announces it.
        if (!pending) await ledger.release(entry.transactionId, entry.actionId).catch(() => {});
        throw error;
      }
      await done(entry);
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
    async sweepPending({ limit }) {
      if (!pending) return { queued: 0, handled: 0 };
      let queued = 0;
      let handled = 0;
      for (const report of await pending.olderThan(clock() - graceMs, limit)) {
        const held = await ledger.get(report.transactionId);
        // Absent: the report died before its claim (its path reports it again). Another action id: that
        // report lost the claim, and the winner has a record of its own.
        // Announced (or recorded while chat was off): settled already.
        const unsettled = held?.actionId === report.actionId && held.announced === undefined;
        if (unsettled && (await settle(held, held.sku)) === true) {
          queued++;
          void recordAnnouncement(held);
          logger.info(
            {
              event: "bits_recovered",
              transactionId: held.transactionId,
              broadcasterId: held.channelId,
              claimedAt: held.claimedAt,
            },
            "queued a Bits purchase whose claim was never queued (its process stopped in between)",
          );
        }
        await pending.drop(report);
        handled++;
      }
      return { queued, handled };
    },
  };
}
