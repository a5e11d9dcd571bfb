import type { RedisClient } from "../../delivery/redis/connection.ts";
import type { RedisKeys } from "../../delivery/redis/keys.ts";
import { type BitsLedger, type BitsLedgerEntry, EVENTSUB_MESSAGE_MEMORY_MS } from "../bits-ledger.ts";
import { createRedisPendingAnnouncements } from "./bits-pending.ts";

function parse(raw: string): BitsLedgerEntry {
  return JSON.parse(raw) as BitsLedgerEntry;
}

/** KEYS: the transaction. ARGV: the entry. The entry held, or nil once this one is stored (SET NX GET, Redis 6.2). */
const CLAIM = `
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1])
return false`;

/** KEYS: the transaction. ARGV: the action id. Deletes the claim only if it is still that action's. */
const RELEASE = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).actionId == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The Bits ledger in Redis: one STRING per transaction, claimed by one script (insert-if-absent that also
 * answers what another instance claimed first; `SET NX GET` would need Redis 7), no TTL; one STRING per EventSub message id (`SET NX PX`).
 * Each command touches one key, so a Redis Cluster serves them as they are. `unannounced` answers nothing:
 * in Redis mode the queue is in Redis too and survives a restart; what a process killed between its claim
 * and its push leaves is in `pending`, for the sweeper.
 */
export function createRedisBitsLedger(input: { redis: RedisClient; keys: RedisKeys }): BitsLedger {
  const { redis, keys } = input;
  return {
    pending: createRedisPendingAnnouncements({ redis, keys }),
    async claim(entry) {
      const held = (await redis.eval(
        CLAIM,
        1,
        keys.bitsTransaction(entry.transactionId),
        JSON.stringify(entry),
      )) as string | null;
      return held === null ? { claimed: true } : { claimed: false, entry: parse(held) };
    },
    async get(transactionId) {
      const raw = await redis.get(keys.bitsTransaction(transactionId));
      return raw === null ? undefined : parse(raw);
    },
    async markAnnounced(transactionId, announced) {
      const key = keys.bitsTransaction(transactionId);
      const raw = await redis.get(key);
      if (raw === null) return;
      await redis.set(key, JSON.stringify({ ...parse(raw), announced }), "XX");
    },
    async release(transactionId, actionId) {
      await redis.eval(RELEASE, 1, keys.bitsTransaction(transactionId), actionId);
    },
    async unannounced() {
      return [];
    },
    async forgetDelivery(messageId) {
      await redis.del(keys.eventSubMessage(messageId));
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
