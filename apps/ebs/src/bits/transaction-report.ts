import type { ExtensionTransaction } from "@ext/shared/server";
import type { BitsReportSource } from "../store/bits-ledger.ts";
import type { BitsReport } from "./bits-announcer.ts";

/**
 * A purchase as Twitch's Get Extension Transactions records it, as the announcer takes it: Twitch's channel
 * and buyer. Reconciliation reports every transaction it reads this way, and the receipt route a receipt of
 * a viewer who has not shared identity once Twitch has confirmed it.
 */
export function reportOfTransaction(tx: ExtensionTransaction, source: BitsReportSource): BitsReport {
  return {
    transactionId: tx.id,
    channelId: tx.broadcaster_id,
    userId: tx.user_id,
    sku: tx.product_data.sku,
    product: { displayName: tx.product_data.displayName, bits: tx.product_data.cost.amount },
    source,
  };
}
