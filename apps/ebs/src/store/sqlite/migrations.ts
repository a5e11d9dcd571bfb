/**
 * The SQLite schema, as numbered migrations applied in order at start (`open-sqlite.ts`), each once, in
 * its own transaction, recorded in `schema_migrations`. Never edit a migration that shipped: add the next
 * number (the Bits ledger is migration 2).
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "live counts",
    statements: [
      // One row per channel: what panels see besides the counts per stream, and the dashboard's fields.
      // stream_started_at '' until a stream was seen (a key, not NULL, so it can name a stream's row).
      `CREATE TABLE live_channels (
        channel_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL DEFAULT 0,
        all_time INTEGER NOT NULL DEFAULT 0,
        stream_started_at TEXT NOT NULL DEFAULT '',
        live INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT,
        last_refusal TEXT
      ) STRICT`,
      `CREATE TABLE live_stream_counts (
        channel_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (channel_id, started_at)
      ) STRICT`,
      // The latest hypers; seq orders them (newest highest) and only the latest few are kept.
      `CREATE TABLE live_recent (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id TEXT NOT NULL,
        display_name TEXT,
        kind TEXT NOT NULL,
        at TEXT NOT NULL
      )`,
      "CREATE INDEX live_recent_by_channel ON live_recent (channel_id, seq)",
    ],
  },
  {
    version: 2,
    name: "bits ledger",
    statements: [
      // One row per Bits transaction, claimed once (INSERT ... ON CONFLICT DO NOTHING) by whichever path
      // reported it first: a receipt, EventSub or Get Extension Transactions.
      `CREATE TABLE bits_transactions (
        transaction_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        sku TEXT NOT NULL,
        bits INTEGER NOT NULL,
        action_id TEXT NOT NULL,
        source TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        announced_text TEXT,
        announced_at TEXT
      ) STRICT`,
      "CREATE INDEX bits_unannounced ON bits_transactions (claimed_at) WHERE announced_at IS NULL",
      // EventSub message ids already handled, forgotten after a while (received_at: epoch ms).
      `CREATE TABLE eventsub_messages (
        message_id TEXT PRIMARY KEY,
        received_at INTEGER NOT NULL
      ) STRICT`,
    ],
  },
];
