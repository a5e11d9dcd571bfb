import type { RedisClient } from "../../delivery/redis/connection.ts";
import type { RedisKeys } from "../../delivery/redis/keys.ts";
import { type BitsLedger, type BitsLedgerEntry, EVENTSUB_MESSAGE_MEMORY_MS } from "../bits-ledger.ts";

function parse(raw: string): BitsLedgerEntry {
  return JSON.parse(raw) as BitsLedgerEntry;
}

/**
 * The Bits ledger in Redis: one STRING per transaction, claimed with `SET NX GET` (one atomic command that
 * also answers what another instance claimed first), no TTL; one STRING per EventSub message id (`SET NX PX`).
 * Each command touches one key, so a Redis Cluster serves them as they are.
 */
export function createRedisBitsLedger(input: { redis: RedisClient; keys: RedisKeys }): BitsLedger {
  const { redis, keys } = input;
  return {
    async claim(entry) {
      const held = await redis.set(
        keys.bitsTransaction(entry.transactionId),
        JSON.stringify(entry),
        "NX",
        "GET",
      );
      return held === null ? { claimed: true } : { claimed: false, entry: parse(held) };
    },
    async get(transactionId) {
      const raw = await redis.get(keys.bitsTransaction(transactionId));
      return raw === null ? undefined : parse(raw);
    },
    async firstDelivery(messageId, now) {
      const set = await redis.set(
        keys.eventSubMessage(messageId),
        String(now),
        "PX",
        EVENTSUB_MESSAGE_MEMORY_MS,
        "NX",
      );
      return set === "OK";
    },
  };
}
