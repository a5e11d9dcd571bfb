import type { RedisClient } from "./connection.ts";
import type { RedisKeys } from "./keys.ts";
import { defineScript } from "./scripts.ts";

/**
 * The per-channel sender lease: one instance at a time sends a channel's chat messages. Taken with SET NX PX,
 * renewed while the holder works, released when the channel has nothing left. Taking a lease is also the
 * reaper: a batch still in the channel's processing list belongs to a holder whose lease expired (killed
 * mid-send), so it goes back to the head of the queue before anything else is sent.
 */
export interface ChannelLease {
  /** -1: another instance holds it. Otherwise ours, with the number of actions handed back from a dead holder. */
  acquire(channelId: string): Promise<number>;
  /** False when the lease is no longer ours (it expired and another instance took it). */
  renew(channelId: string): Promise<boolean>;
  /**
   * Gives the lease up, handing any batch still in processing back to the queue. Answers the number of
   * actions still queued (-1 when the lease was not ours): when above 0, the caller tries to take it again.
   */
  release(channelId: string): Promise<number>;
}

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
if holder then return -1 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local n = 0
while redis.call('LMOVE', KEYS[3], KEYS[2], 'RIGHT', 'LEFT') do n = n + 1 end
return n`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
while redis.call('LMOVE', KEYS[3], KEYS[2], 'RIGHT', 'LEFT') do end
redis.call('DEL', KEYS[1])
return redis.call('LLEN', KEYS[2])`;

export function createChannelLease(input: {
  redis: RedisClient;
  keys: RedisKeys;
  /** This instance's id (the lease's value). */
  owner: string;
  /** How long a lease lives without renewal: how soon a killed holder's channels resume elsewhere. */
  ttlMs: number;
}): ChannelLease {
  const { redis, keys, owner, ttlMs } = input;
  const acquire = defineScript(redis, "ebsLeaseAcquire", ACQUIRE);
  const renew = defineScript(redis, "ebsLeaseRenew", RENEW);
  const release = defineScript(redis, "ebsLeaseRelease", RELEASE);
  /** The channel's queue and processing lengths, read together (one slot, one MULTI). */
  async function lengths(ch: string): Promise<[number, number]> {
    const results = await redis.multi().llen(keys.queue(ch)).llen(keys.processing(ch)).exec();
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (!results || failed)
      throw failed ?? new Error("Redis discarded the transaction that reads a channel's lists");
    return [Number(results[0]?.[1]), Number(results[1]?.[1])];
  }
  return {
    acquire: async (ch) =>
      Number(await acquire([keys.lease(ch), keys.queue(ch), keys.processing(ch)], [owner, ttlMs])),
    renew: async (ch) => Number(await renew([keys.lease(ch)], [owner, ttlMs])) === 1,
    async release(ch) {
      const left = Number(await release([keys.lease(ch), keys.queue(ch), keys.processing(ch)], [owner]));
      if (left !== 0) return left;
      // The busy set lives in another slot (Redis Cluster): leave it in a step of its own, then look again at
      // both lists. Meanwhile another instance may have pushed an action (it marks the channel busy after the
      // push, so either the mark lands after this SREM or the push is seen here) and may even have taken the
      // lease and claimed it into processing: if that instance is killed mid-send, only the busy set leads
      // a survivor to its batch once the lease expires, so a channel with anything in processing stays busy.
      await redis.srem(keys.channels, ch);
      const [queued, processing] = await lengths(ch);
      if (queued + processing > 0) await redis.sadd(keys.channels, ch);
      return queued;
    },
  };
}
