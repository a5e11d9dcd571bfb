import type { BitsLedger } from "./bits-ledger.ts";
import type { LiveStore } from "./live-store.ts";

/**
 * The EBS's state that must survive a restart and a deploy, behind one interface: an embedded SQLite file
 * by default (`sqlite/`), Redis with REDIS_URL (`redis/`) so every instance agrees. Each kind of state is
 * one part: `live` (migration 1), `bits` (the Bits ledger, migration 2).
 */
export interface DurableStore {
  readonly kind: "sqlite" | "redis";
  live: LiveStore;
  bits: BitsLedger;
  /** Closes the SQLite file (Redis mode: the connection is the Redis mode's to close). */
  close(): Promise<void>;
}

/** The store could not be opened (a SQLite path that cannot be created or read): the EBS cannot start. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}
