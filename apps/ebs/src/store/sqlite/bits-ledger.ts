import type { Client, Row } from "@libsql/client";
import {
  type BitsLedger,
  type BitsLedgerEntry,
  type BitsReportSource,
  EVENTSUB_MESSAGE_MEMORY_MS,
} from "../bits-ledger.ts";

const CLAIM_COLUMNS = "transaction_id, channel_id, user_id, sku, bits, action_id, source, claimed_at";
const COLUMNS = `${CLAIM_COLUMNS}, announced_text, announced_at`;

function entryOf(row: Row): BitsLedgerEntry {
  return {
    transactionId: String(row.transaction_id),
    channelId: String(row.channel_id),
    userId: String(row.user_id),
    sku: String(row.sku),
    bits: Number(row.bits),
    actionId: String(row.action_id),
    source: String(row.source) as BitsReportSource,
    claimedAt: String(row.claimed_at),
    ...(row.announced_at === null
      ? {}
      : { announced: { text: String(row.announced_text), at: String(row.announced_at) } }),
  };
}

/** The Bits ledger in the SQLite file (migration 2). */
export function createSqliteBitsLedger(client: Client): BitsLedger {
  async function get(transactionId: string) {
    const result = await client.execute({
      sql: `SELECT ${COLUMNS} FROM bits_transactions WHERE transaction_id = ?`,
      args: [transactionId],
    });
    const row = result.rows[0];
    return row ? entryOf(row) : undefined;
  }
  return {
    get,
    async claim(entry) {
      const inserted = await client.execute({
        sql: `INSERT INTO bits_transactions (${CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (transaction_id) DO NOTHING`,
        args: [
          entry.transactionId,
          entry.channelId,
          entry.userId,
          entry.sku,
          entry.bits,
          entry.actionId,
          entry.source,
          entry.claimedAt,
        ],
      });
      if (inserted.rowsAffected === 1) return { claimed: true };
      const held = await get(entry.transactionId);
      if (!held) throw new Error(`Bits transaction ${entry.transactionId} was neither inserted nor found.`);
      return { claimed: false, entry: held };
    },
    async markAnnounced(transactionId, announced) {
      await client.execute({
        sql: "UPDATE bits_transactions SET announced_text = ?, announced_at = ? WHERE transaction_id = ?",
        args: [announced.text, announced.at, transactionId],
      });
    },
    async release(transactionId, actionId) {
      await client.execute({
        sql: "DELETE FROM bits_transactions WHERE transaction_id = ? AND action_id = ? AND announced_at IS NULL",
        args: [transactionId, actionId],
      });
    },
    async unannounced(limit) {
      const result = await client.execute({
        sql: `SELECT ${COLUMNS} FROM bits_transactions WHERE announced_at IS NULL ORDER BY claimed_at LIMIT ?`,
        args: [limit],
      });
      return result.rows.map(entryOf);
    },
    async forgetDelivery(messageId) {
      await client.execute({ sql: "DELETE FROM eventsub_messages WHERE message_id = ?", args: [messageId] });
    },
    async firstDelivery(messageId, now) {
      const [, inserted] = await client.batch(
        [
          {
            sql: "DELETE FROM eventsub_messages WHERE received_at < ?",
            args: [now - EVENTSUB_MESSAGE_MEMORY_MS],
          },
          {
            sql: "INSERT INTO eventsub_messages (message_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            args: [messageId, now],
          },
        ],
        "write",
      );
      return inserted?.rowsAffected === 1;
    },
  };
}
