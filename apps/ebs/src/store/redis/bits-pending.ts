import type { RedisClient } from "../../delivery/redis/connection.ts";
import type { RedisKeys } from "../../delivery/redis/keys.ts";
import type { PendingAnnouncement, PendingAnnouncements } from "../bits-ledger.ts";

/** KEYS: the pending ZSET. ARGV: the member, its score as read. Removes it only if the score is unchanged. */
const DROP = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`;

/** The member names the report: action ids are UUIDs (no `:`), so the first `:` ends it. */
const memberOf = (p: Omit<PendingAnnouncement, "at">) => `${p.actionId}:${p.transactionId}`;

function parse(member: string, score: string): PendingAnnouncement {
  const colon = member.indexOf(":");
  return { actionId: member.slice(0, colon), transactionId: member.slice(colon + 1), at: Number(score) };
}

/**
 * The Bits announcements being queued, in one ZSET (`keys.bitsPending`, no TTL: the sweeper empties it),
 * scored by when each report began. Every command touches this one key, so a Redis Cluster serves it as is.
 */
export function createRedisPendingAnnouncements(input: {
  redis: RedisClient;
  keys: RedisKeys;
}): PendingAnnouncements {
  const { redis, keys } = input;
  return {
    async add(pending) {
      await redis.zadd(keys.bitsPending, pending.at, memberOf(pending));
    },
    async remove(pending) {
      await redis.zrem(keys.bitsPending, memberOf(pending));
    },
    async olderThan(before, limit) {
      const flat = await redis.zrangebyscore(
        keys.bitsPending,
        "-inf",
        before,
        "WITHSCORES",
        "LIMIT",
        0,
        limit,
      );
      const found: PendingAnnouncement[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2)
        found.push(parse(flat[i] as string, flat[i + 1] as string));
      return found;
    },
    async drop(pending) {
      await redis.eval(DROP, 1, keys.bitsPending, memberOf(pending), pending.at);
    },
  };
}
