import { type Clock, systemClock } from "@ext/shared";
import type { Express } from "express";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import { createBitsAnnouncer } from "./bits/bits-announcer.ts";
import { createEventSubSubscriber } from "./bits/eventsub-subscriber.ts";
import { createPendingSweeper } from "./bits/pending-sweeper.ts";
import { createBitsReconciler } from "./bits/reconciler.ts";
import type { Config } from "./config.ts";
import {
  createDeliveryQueue,
  type DeliveryQueue,
  type DeliveryQueueOptions,
} from "./delivery/delivery-queue.ts";
import { type RedisMode, startRedisMode } from "./delivery/redis/redis-mode.ts";
import { type Scheduler, systemScheduler } from "./delivery/scheduler.ts";
import { type BroadcastGate, createMemoryBroadcastGate } from "./live/broadcast-gate.ts";
import { createLive, type Live } from "./live/live.ts";
import { BROADCAST_INTERVAL_MS } from "./live/live-broadcaster.ts";
import { createStreamTracker } from "./live/stream-tracker.ts";
import { fetchSecretRing } from "./secrets/helix-secrets.ts";
import { createSecretStore, withSecretStore } from "./secrets/secret-store.ts";
import { createSecretsSync, type SecretsSync } from "./secrets/secrets-sync.ts";
import { createBroadcasterSettingsSource } from "./settings/helix-configuration.ts";
import type { DurableStore } from "./store/durable-store.ts";
import type { LiveStore } from "./store/live-store.ts";
import { openSqliteStore } from "./store/sqlite/sqlite-store.ts";
import { createHelixChatSender } from "./twitch/helix-chat.ts";
import { createHelixClient, type HelixClient, type HelixObserver } from "./twitch/helix-client.ts";
import { createUserDirectory } from "./twitch/users.ts";

/** REDIS_URL is set and Redis did not answer: the EBS cannot start (main.ts says how to fix it). */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
}

/** What `startEbs` may be given besides the config; production passes only a logger. */
export interface EbsOptions {
  logger: Logger;
  clock?: Clock;
  /** Timers of the queue and the long-poll; tests pass a manual one. */
  scheduler?: Scheduler;
  /** Watches every call to Twitch (tests count the chat calls in flight). */
  helixObserver?: HelixObserver;
  /** Read each channel's broadcaster settings from Twitch (default true; false: every channel has the defaults). */
  readSettings?: boolean;
  /** Tuning for tests: retries, limits, jitter, kinds of the in-memory queue; name and settings caches. */
  tuning?: {
    queue?: Partial<Pick<DeliveryQueueOptions, "retry" | "limits" | "random" | "maxInFlight" | "kinds">>;
    nameTtlMs?: number;
    storedSaveRetryMs?: readonly number[];
    longPollMs?: number;
    /** The live state's PubSub interval and Get Streams cache. */
    live?: { broadcastIntervalMs?: number; streamTtlMs?: number };
  };
}

/** A wired EBS: its Express app (not listening yet) and what the process must stop when it ends. */
export interface Ebs {
  app: Express;
  /** The config with `secrets` following the secrets sync. */
  config: Config;
  helix: HelixClient;
  delivery: DeliveryQueue;
  /** The live state: counts, the current stream, the PubSub broadcasts. */
  live: Live;
  /** Where the live state lives: the SQLite file, or Redis. */
  store: DurableStore;
  /** The instance's id in Redis mode. */
  redisInstanceId: string | undefined;
  /**
   * Once the app is listening: reconciles Bits with Get Extension Transactions (now and every
   * BITS_RECONCILE_SECONDS), in Redis mode sweeps the Bits claims never queued (now and every
   * BITS_SWEEP_SECONDS), and, with EventSub configured, makes sure the webhook subscription exists.
   */
  startBits(): void;
  /**
   * Stops accepting, sends (or, in Redis mode, hands back) what the queue holds within `drainMs`, stops
   * the secrets sync and the broadcasts, waits for the live state's writes, and closes the store and Redis.
   */
  stop(drainMs: number): Promise<{ undelivered: number; handedBack?: number }>;
}

/**
 * Wires the EBS from its config, the one place that does so (`main.ts` and the tests both call it): the
 * secret store and its sync (TWITCH_SECRETS_SYNC=1, first read awaited), the Helix client every Twitch
 * call goes through, chat and names on it, the delivery queue in memory or in Redis (REDIS_URL; throws
 * {@link RedisUnavailableError} when Redis does not answer), the durable store (SQLite, or Redis; throws
 * {@link StoreUnavailableError} when the SQLite file cannot be opened), the live state, the broadcaster
 * settings, and the app.
 */
export async function startEbs(envConfig: Config, options: EbsOptions): Promise<Ebs> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const tuning = options.tuning ?? {};
  const secretStore = createSecretStore(envConfig.secrets);
  const config = withSecretStore(envConfig, secretStore);
  const helix = createHelixClient({
    config,
    clock,
    ...(options.helixObserver ? { observer: options.helixObserver } : {}),
  });
  let secretsSync: SecretsSync | undefined;
  if (config.secretsSync) {
    secretsSync = createSecretsSync({
      store: secretStore,
      fetchRing: () => fetchSecretRing({ clientId: config.clientId, helix }),
      clock,
      logger,
    });
    await secretsSync.start();
  }
  const chat = createHelixChatSender({ config, helix, clock, logger });
  const users = createUserDirectory({
    helix,
    clock,
    logger,
    ...(tuning.nameTtlMs !== undefined ? { nameTtlMs: tuning.nameTtlMs } : {}),
  });
  const streams = createStreamTracker({
    helix,
    clock,
    logger,
    ...(tuning.live?.streamTtlMs !== undefined ? { ttlMs: tuning.live.streamTtlMs } : {}),
  });
  const broadcastIntervalMs = tuning.live?.broadcastIntervalMs ?? BROADCAST_INTERVAL_MS;
  const createLiveOn = (parts: { store: LiveStore; gate: BroadcastGate }) =>
    createLive({ ...parts, streams, helix, clock, scheduler, logger, broadcastIntervalMs });
  let redisMode: RedisMode | undefined;
  if (config.redisUrl !== undefined) {
    try {
      redisMode = await startRedisMode({
        url: config.redisUrl,
        cluster: config.redisCluster,
        chat,
        users,
        clock,
        scheduler,
        logger,
        cooldownSeconds: config.viewerCooldownSeconds,
        createLive: createLiveOn,
        broadcastIntervalMs,
      });
    } catch (error) {
      secretsSync?.stop();
      throw new RedisUnavailableError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    logger.info(
      { event: "redis_mode", instanceId: redisMode.instanceId },
      "Redis mode: sharing queues and limits",
    );
  }
  let store: DurableStore;
  let live: Live;
  if (redisMode) {
    ({ store, live } = redisMode);
  } else {
    try {
      const sqlite = await openSqliteStore(config.sqlitePath);
      store = sqlite;
      if (sqlite.applied.length > 0) {
        logger.info(
          { event: "store_migrated", path: config.sqlitePath, migrations: sqlite.applied },
          "SQLite schema brought up to date",
        );
      }
    } catch (error) {
      secretsSync?.stop();
      throw error;
    }
    live = createLiveOn({ store: store.live, gate: createMemoryBroadcastGate(broadcastIntervalMs) });
  }
  const delivery =
    redisMode?.delivery ??
    createDeliveryQueue({ chat, users, clock, scheduler, logger, live, ...tuning.queue });
  const settings =
    options.readSettings === false
      ? undefined
      : createBroadcasterSettingsSource({
          config,
          helix,
          clock,
          logger,
          ...(tuning.storedSaveRetryMs ? { storedSaveRetryMs: tuning.storedSaveRetryMs } : {}),
        });
  const bits = createBitsAnnouncer({
    ledger: store.bits,
    queue: delivery,
    clock,
    logger,
    // A purchase in a channel whose broadcaster turned chat messages off is recorded, not posted.
    ...(settings
      ? { chatEnabled: (channelId: string) => settings.get(channelId).then((s) => s.chatEnabled) }
      : {}),
  });
  // The in-memory queue died with the last process: what it held of the ledger's claims goes again. Redis
  // keeps its queue: what is lost there is a claim whose process died before its push, which the sweeper finds.
  if (!redisMode) await bits.requeueUnannounced();
  const sweeper = store.bits.pending
    ? createPendingSweeper({ announcer: bits, scheduler, logger, intervalMs: config.bitsSweepMs })
    : undefined;
  const reconciler = createBitsReconciler({
    helix,
    clientId: config.clientId,
    announcer: bits,
    clock,
    scheduler,
    logger,
    intervalMs: config.bitsReconcileMs,
  });
  const subscriber = config.eventSub
    ? createEventSubSubscriber({
        helix,
        clientId: config.clientId,
        callbackUrl: config.eventSub.callbackUrl,
        secret: config.eventSub.secret,
        scheduler,
        logger,
      })
    : undefined;
  const app = createApp({
    config,
    clock,
    logger,
    helix,
    delivery,
    live,
    bits: { announcer: bits, ledger: store.bits },
    ...(config.eventSub && subscriber
      ? {
          eventSub: {
            secret: config.eventSub.secret,
            ledger: store.bits,
            onRevoked: () => subscriber.ensure(),
          },
        }
      : {}),
    ...(redisMode ? { cooldowns: redisMode.cooldowns } : {}),
    ...(settings ? { settings } : {}),
    ...(tuning.longPollMs !== undefined ? { longPollMs: tuning.longPollMs } : {}),
    ...(secretsSync ? { onSignatureInvalid: () => void secretsSync.refreshSoon("signature_invalid") } : {}),
  });
  return {
    app,
    config,
    helix,
    delivery,
    live,
    store,
    redisInstanceId: redisMode?.instanceId,
    startBits() {
      sweeper?.start();
      reconciler.start();
      subscriber?.ensure();
    },
    async stop(drainMs) {
      secretsSync?.stop();
      reconciler.stop();
      sweeper?.stop();
      subscriber?.stop();
      const result = await delivery.drain(drainMs);
      await live.stop();
      await store.close().catch(() => {});
      await redisMode?.close().catch(() => {});
      return result;
    },
  };
}
