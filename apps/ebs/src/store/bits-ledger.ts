/** The path that reported a Bits transaction to the EBS. */
export type BitsReportSource = "receipt" | "eventsub" | "transactions_api";

/** One Bits transaction the EBS announces (or announced): claimed once, whatever path reported it first. */
export interface BitsLedgerEntry {
  transactionId: string;
  /** The channel chat announces it in. */
  channelId: string;
  /** The buyer's Twitch user id. */
  userId: string;
  sku: string;
  /** Bits spent, as the catalogue prices the SKU. */
  bits: number;
  /** The announcement's action (`GET /api/actions/:id`, while its status is kept). */
  actionId: string;
  /** The path that reported it first. */
  source: BitsReportSource;
  /** When it was claimed and queued for chat (ISO 8601). */
  claimedAt: string;
  /**
   * What chat showed and when Twitch took it; absent until then. An empty `text`: recorded while the
   * broadcaster had chat messages off, never posted (`bits/chat-off.ts`).
   */
  announced?: { text: string; at: string };
}

/** One report claiming and queueing a transaction, from before its claim until its push is done. */
export interface PendingAnnouncement {
  transactionId: string;
  /** The action id the report claims with: the ledger's entry names it only if this report won the claim. */
  actionId: string;
  /** When the report began (epoch ms, its instance's clock). */
  at: number;
}

/**
 * The reports claiming and queueing a transaction right now, where the queue outlives a process but the
 * step between the ledger's claim and the queue's push does not (the Redis mode): recorded before the
 * claim, removed once the push is done, so a sweeper finds every claim whose process died in between.
 */
export interface PendingAnnouncements {
  add(pending: PendingAnnouncement): Promise<void>;
  /** This report is done: its push is in the queue, or another report held the claim. */
  remove(pending: Omit<PendingAnnouncement, "at">): Promise<void>;
  /** Reports that began before `before`, oldest first, at most `limit`. */
  olderThan(before: number, limit: number): Promise<PendingAnnouncement[]>;
  /** Removes what a sweep handled, unless its report recorded it again since (a later `at`). */
  drop(pending: PendingAnnouncement): Promise<void>;
}

export type BitsClaim = { claimed: true } | { claimed: false; entry: BitsLedgerEntry };

/**
 * The Bits ledger: exactly-once across paths (receipt, EventSub, Get Extension Transactions), restarts and
 * instances. Keyed by transaction id alone, not by channel: a receipt reported with a token of another
 * channel must still find the transaction claimed.
 */
export interface BitsLedger {
  /** Claims the transaction (atomic insert-if-absent): `claimed` for the first caller, else the entry held. */
  claim(entry: BitsLedgerEntry): Promise<BitsClaim>;
  get(transactionId: string): Promise<BitsLedgerEntry | undefined>;
  /** Records what chat showed for the transaction, and when. */
  markAnnounced(transactionId: string, announced: { text: string; at: string }): Promise<void>;
  /** Undoes a claim whose action could not be queued (only the claim with this action id). */
  release(transactionId: string, actionId: string): Promise<void>;
  /**
   * Claimed transactions chat has not shown yet, oldest first, at most `limit`: after a restart with the
   * in-memory queue, these were lost with the process and are queued again under their action id.
   */
  unannounced(limit: number): Promise<BitsLedgerEntry[]>;
  /**
   * True the first time an EventSub message id is seen (within {@link EVENTSUB_MESSAGE_MEMORY_MS}): Twitch
   * redelivers with the same id, and every instance must agree on which delivery was the first.
   */
  firstDelivery(messageId: string, now: number): Promise<boolean>;
  /** Forgets a message id whose handling failed, so Twitch's retry of it is handled. */
  forgetDelivery(messageId: string): Promise<void>;
  /**
   * Redis only: the claims being queued (see {@link PendingAnnouncements}). SQLite has none: its queue is
   * in memory and dies with the process, so `unannounced` finds at start what a death left, pushed or not.
   */
  readonly pending?: PendingAnnouncements;
}

/**
 * How long EventSub message ids are remembered: longer than the 10 minutes after which a delivery's
 * timestamp is refused anyway, so a redelivery is either remembered or refused as too old.
 */
export const EVENTSUB_MESSAGE_MEMORY_MS = 15 * 60 * 1000;
