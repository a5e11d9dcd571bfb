import { type DurableStore, StoreUnavailableError } from "../durable-store.ts";
import { createSqliteBitsLedger } from "./bits-ledger.ts";
import { createSqliteLiveStore } from "./live-store.ts";
import { openSqlite } from "./open-sqlite.ts";

/**
 * The default durable store: the SQLite file at `path` (SQLITE_PATH; `:memory:` keeps nothing, for tests),
 * its schema brought up to date at start. Throws {@link StoreUnavailableError} when it cannot be opened.
 */
export async function openSqliteStore(path: string): Promise<DurableStore & { applied: number[] }> {
  let opened: Awaited<ReturnType<typeof openSqlite>>;
  try {
    opened = await openSqlite(path);
  } catch (error) {
    throw new StoreUnavailableError(
      `The SQLite file at SQLITE_PATH=${path} could not be opened (${error instanceof Error ? error.message : String(error)}): make its folder writable, or point SQLITE_PATH at a file the EBS may write.`,
      { cause: error },
    );
  }
  const { client, applied } = opened;
  return {
    kind: "sqlite",
    live: createSqliteLiveStore(client),
    bits: createSqliteBitsLedger(client),
    applied,
    async close() {
      client.close();
    },
  };
}
