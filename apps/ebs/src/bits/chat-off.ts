import type { Clock } from "@ext/shared";
import type { Logger } from "pino";
import type { BitsLedger, BitsLedgerEntry } from "../store/bits-ledger.ts";

/**
 * The `announced.text` of a purchase recorded while the broadcaster had chat messages off: chat showed
 * nothing. Chat text is never empty, so it cannot be mistaken for an announcement, and the entry no longer
 * counts as unannounced (nothing queues it at the next start).
 */
export const NOT_POSTED = "";

/** Whether the ledger's entry was recorded without a chat message (chat messages were off). */
export function recordedWithoutChat(entry: Pick<BitsLedgerEntry, "announced">): boolean {
  return entry.announced?.text === NOT_POSTED;
}

/**
 * Settles a claim of a channel whose broadcaster turned chat messages off: the purchase stays in the ledger
 * (every later report of it is `known`), with no message. If the ledger cannot record that, the claim goes,
 * so a later report records it again rather than a restart posting it.
 */
export async function recordWithoutChat(
  input: { ledger: BitsLedger; clock: Clock; logger: Logger },
  entry: BitsLedgerEntry,
): Promise<void> {
  const { ledger, clock, logger } = input;
  try {
    await ledger.markAnnounced(entry.transactionId, {
      text: NOT_POSTED,
      at: new Date(clock()).toISOString(),
    });
  } catch (error) {
    await ledger.release(entry.transactionId, entry.actionId).catch(() => {});
    throw error;
  }
  logger.info(
    {
      event: "bits_recorded_chat_off",
      transactionId: entry.transactionId,
      broadcasterId: entry.channelId,
      sku: entry.sku,
      bits: entry.bits,
      source: entry.source,
    },
    "Bits purchase recorded, not posted: the broadcaster turned chat messages off",
  );
}
