import { type Clock, systemClock } from "@ext/shared";
import type { Express } from "express";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import {
  createDeliveryQueue,
  type DeliveryQueue,
  type DeliveryQueueOptions,
} from "./delivery/delivery-queue.ts";
import { type RedisMode, startRedisMode } from "./delivery/redis/redis-mode.ts";
import { type Scheduler, systemScheduler } from "./delivery/scheduler.ts";
import { fetchSecretRing } from "./secrets/helix-secrets.ts";
import { createSecretStore, withSecretStore } from "./secrets/secret-store.ts";
import { createSecretsSync, type SecretsSync } from "./secrets/secrets-sync.ts";
import { createBroadcasterSettingsSource } from "./settings/helix-configuration.ts";
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
  };
}

/** A wired EBS: its Express app (not listening yet) and what the process must stop when it ends. */
export interface Ebs {
  app: Express;
  /** The config with `secrets` following the secrets sync. */
  config: Config;
  helix: HelixClient;
  delivery: DeliveryQueue;
  /** The instance's id in Redis mode. */
  redisInstanceId: string | undefined;
  /**
   * Stops accepting, sends (or, in Redis mode, hands back) what the queue holds within `drainMs`, stops
   * the secrets sync and closes Redis.
   */
  stop(drainMs: number): Promise<{ undelivered: number; handedBack?: number }>;
}

/**
 * Wires the EBS from its config, the one place that does so (`main.ts` and the tests both call it): the
 * secret store and its sync (TWITCH_SECRETS_SYNC=1, first read awaited), the Helix client every Twitch
 * call goes through, chat and names on it, the delivery queue in memory or in Redis (REDIS_URL; throws
 * {@link RedisUnavailableError} when Redis does not answer), the broadcaster settings, and the app.
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
  const delivery =
    redisMode?.delivery ?? createDeliveryQueue({ chat, users, clock, scheduler, logger, ...tuning.queue });
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
  const app = createApp({
    config,
    clock,
    logger,
    helix,
    delivery,
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
    redisInstanceId: redisMode?.instanceId,
    async stop(drainMs) {
      secretsSync?.stop();
      const result = await delivery.drain(drainMs);
      await redisMode?.close().catch(() => {});
      return result;
    },
  };
}
