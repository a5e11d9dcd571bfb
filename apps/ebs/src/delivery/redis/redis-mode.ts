import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "@ext/shared";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { type BroadcastGate, createRedisBroadcastGate } from "../../live/broadcast-gate.ts";
import type { Live } from "../../live/live.ts";
import type { DurableStore } from "../../store/durable-store.ts";
import type { LiveStore } from "../../store/live-store.ts";
import { createRedisBitsLedger } from "../../store/redis/bits-ledger.ts";
import { createRedisLiveStore } from "../../store/redis/live-store.ts";
import type { ChatSender, UserDirectory } from "../../twitch/ports.ts";
import type { Cooldowns } from "../cooldowns.ts";
import type { DeliveryQueue } from "../delivery-queue.ts";
import { type ChatLimits, TWITCH_CHAT_LIMITS } from "../rate-gate.ts";
import type { Scheduler } from "../scheduler.ts";
import { createRedisActionStore } from "./action-store.ts";
import { createChannelLists } from "./channel-lists.ts";
import { createChatBudget } from "./chat-budget.ts";
import { closeRedis, connectRedis, type RedisClient } from "./connection.ts";
import { createRedisCooldowns } from "./cooldowns.ts";
import { createRedisDeliveryQueue } from "./delivery-queue.ts";
import { legacyQueueKeys, type RedisKeys, redisKeys } from "./keys.ts";
import { createChannelLease } from "./lease.ts";

/** A killed instance's channels resume elsewhere within this (plus one poll). */
export const LEASE_TTL_MS = 5000;

export interface RedisMode {
  instanceId: string;
  delivery: DeliveryQueue;
  cooldowns: Cooldowns;
  /** The durable store in Redis (the live state), shared by every instance. */
  store: DurableStore;
  live: Live;
  /** After `delivery.drain`: stops listening and closes both connections. */
  close(): Promise<void>;
}

/** This process's id in leases: the host and pid (what an operator looks for), and a random part. */
export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * The Redis mode (REDIS_URL): a delivery queue and cooldowns shared with every EBS instance on the same
 * Redis. Connects (two connections: commands, and the pub/sub subscriber), then starts looking for work.
 */
export async function startRedisMode(input: {
  url: string;
  /** `url` names nodes of a Redis Cluster. */
  cluster?: boolean;
  chat: ChatSender;
  users: UserDirectory;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  cooldownSeconds: number;
  prefix?: string;
  instanceId?: string;
  limits?: ChatLimits;
  leaseTtlMs?: number;
  pollMs?: number;
  /** Builds the live state on Redis's store and PubSub gate (startEbs: the same wiring as with SQLite). */
  createLive: (parts: { store: LiveStore; gate: BroadcastGate }) => Live;
  /** The shortest time between two PubSub broadcasts of a channel, over all instances. */
  broadcastIntervalMs: number;
}): Promise<RedisMode> {
  const instanceId = input.instanceId ?? defaultInstanceId();
  const redis = connectRedis(input.url, { name: "ebs", cluster: input.cluster ?? false });
  const subscriber = connectRedis(input.url, { name: "ebs-subscriber", cluster: input.cluster ?? false });
  redis.on("error", (error) =>
    input.logger.warn({ event: "redis_error", error: error.message }, "Redis error"),
  );
  subscriber.on("error", (error) =>
    input.logger.warn({ event: "redis_error", error: error.message }, "Redis error (subscriber)"),
  );
  try {
    await redis.ping();
    const keys = redisKeys(input.prefix);
    const moved = await moveLegacyQueues(redis, keys, input.prefix);
    if (moved > 0) {
      input.logger.info(
        { event: "redis_keys_migrated", actions: moved },
        "queues moved to the hash-tagged keys",
      );
    }
    const store = await createRedisActionStore({
      redis,
      subscriber,
      keys,
      clock: input.clock,
      scheduler: input.scheduler,
    });
    const leaseTtlMs = input.leaseTtlMs ?? LEASE_TTL_MS;
    const liveStore = createRedisLiveStore({ redis, keys });
    const live = input.createLive({
      store: liveStore,
      gate: createRedisBroadcastGate({ redis, keys, intervalMs: input.broadcastIntervalMs }),
    });
    const delivery = createRedisDeliveryQueue({
      live,
      instanceId,
      lists: createChannelLists({ redis, keys }),
      lease: createChannelLease({ redis, keys, owner: instanceId, ttlMs: leaseTtlMs }),
      leaseTtlMs,
      budget: createChatBudget({ redis, keys, limits: input.limits ?? TWITCH_CHAT_LIMITS }),
      store,
      chat: input.chat,
      users: input.users,
      clock: input.clock,
      scheduler: input.scheduler,
      logger: input.logger,
      ...(input.limits ? { limits: input.limits } : {}),
      ...(input.pollMs !== undefined ? { pollMs: input.pollMs } : {}),
    });
    delivery.start();
    return {
      instanceId,
      delivery,
      cooldowns: createRedisCooldowns({ redis, keys, seconds: input.cooldownSeconds }),
      store: {
        kind: "redis",
        live: liveStore,
        bits: createRedisBitsLedger({ redis, keys }),
        close: async () => {},
      },
      live,
      async close() {
        await store.close();
        await Promise.all([closeRedis(subscriber), closeRedis(redis)]);
      },
    };
  } catch (error) {
    redis.disconnect();
    subscriber.disconnect();
    throw error;
  }
}

/**
 * Moves what an EBS before the hash-tagged keys left queued (`ebs:queue:<channel>`, and a batch it was
 * sending in `ebs:processing:<channel>`) onto today's keys, oldest first, so an upgrade loses no action.
 * Single Redis only: those versions never ran on a cluster.
 */
async function moveLegacyQueues(redis: RedisClient, keys: RedisKeys, prefix?: string): Promise<number> {
  if (!(redis instanceof Redis)) return 0;
  const legacy = legacyQueueKeys(prefix);
  let moved = 0;
  for (const ch of await redis.smembers(keys.channels)) {
    for (const from of [legacy.processing(ch), legacy.queue(ch)]) {
      while ((await redis.lmove(from, keys.queue(ch), "LEFT", "RIGHT")) !== null) moved++;
    }
  }
  return moved;
}
