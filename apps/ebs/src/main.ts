import { systemClock } from "@ext/shared";
import { createApp } from "./app.ts";
import { type Config, ConfigError, readConfig } from "./config.ts";
import { createDeliveryQueue } from "./delivery/delivery-queue.ts";
import { type RedisMode, startRedisMode } from "./delivery/redis/redis-mode.ts";
import { systemScheduler } from "./delivery/scheduler.ts";
import { createLogger } from "./logger.ts";
import { fetchSecretRing } from "./secrets/helix-secrets.ts";
import { createSecretStore, withSecretStore } from "./secrets/secret-store.ts";
import { createSecretsSync } from "./secrets/secrets-sync.ts";
import { createBroadcasterSettingsSource } from "./settings/helix-configuration.ts";
import { createHelixChatSender } from "./twitch/helix-chat.ts";
import { createTwitchHttp } from "./twitch/http-client.ts";
import { createUserDirectory } from "./twitch/users.ts";

function loadConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `The EBS could not read its configuration: ${String(error)}`,
    );
    process.exit(1);
  }
}

const envConfig = loadConfigOrExit();
const logger = createLogger({ level: envConfig.logLevel, name: envConfig.extensionName });
const clock = systemClock;
const http = createTwitchHttp(envConfig.twitchTimeoutMs);
const secretStore = createSecretStore(envConfig.secrets);
/** The config with `secrets` read from the store, which the secrets sync (TWITCH_SECRETS_SYNC=1) keeps current. */
const config = withSecretStore(envConfig, secretStore);
const secretsSync = config.secretsSync
  ? createSecretsSync({
      store: secretStore,
      fetchRing: (current) =>
        fetchSecretRing({
          apiBase: config.apiBase,
          clientId: config.clientId,
          ownerUserId: config.ownerUserId,
          current,
          clock,
          http,
        }),
      clock,
      logger,
    })
  : undefined;
await secretsSync?.start();
const chat = createHelixChatSender({ config, clock, logger, http });
const users = createUserDirectory({ config, clock, logger, http });
/** REDIS_URL: queues, chat limits, cooldowns and statuses shared with the other instances; else in memory. */
async function startRedisOrExit(url: string): Promise<RedisMode> {
  try {
    const mode = await startRedisMode({
      url,
      chat,
      users,
      clock,
      scheduler: systemScheduler,
      logger,
      cooldownSeconds: config.viewerCooldownSeconds,
    });
    logger.info(
      { event: "redis_mode", instanceId: mode.instanceId },
      "Redis mode: sharing queues and limits",
    );
    return mode;
  } catch (error) {
    logger.fatal(
      { event: "redis_unavailable", error: error instanceof Error ? error.message : String(error) },
      "The EBS could not reach Redis at REDIS_URL: start Redis, fix REDIS_URL, or unset it to run one instance in memory.",
    );
    process.exit(1);
  }
}
const redisMode = config.redisUrl !== undefined ? await startRedisOrExit(config.redisUrl) : undefined;
const delivery =
  redisMode?.delivery ?? createDeliveryQueue({ chat, users, clock, scheduler: systemScheduler, logger });
const app = createApp({
  config,
  clock,
  logger,
  chat,
  users,
  delivery,
  ...(redisMode ? { cooldowns: redisMode.cooldowns } : {}),
  settings: createBroadcasterSettingsSource({ config, clock, logger, http }),
  onSignatureInvalid: () => void secretsSync?.refreshSoon("signature_invalid"),
});

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    {
      event: "listening",
      url: `http://${config.host}:${port}`,
      apiBase: config.apiBase,
      allowedOrigins: config.allowedOrigins,
      displayNames: config.clientSecret !== undefined,
    },
    "EBS listening",
  );
});
server.on("error", (error: NodeJS.ErrnoException) => {
  const hint =
    error.code === "EADDRINUSE" ? ` Port ${config.port} is taken: stop the other process or set PORT.` : "";
  logger.fatal({ event: "listen_failed", code: error.code }, `The EBS could not listen.${hint}`);
  process.exit(1);
});

/**
 * SIGTERM/SIGINT: new actions get 503 while the queue sends what it holds (at most SHUTDOWN_DRAIN_SECONDS),
 * what could not be sent is logged, then the server closes. In Redis mode the instance finishes the sends
 * in flight and leaves the rest queued in Redis (its leases released) for the other instances.
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  secretsSync?.stop();
  logger.info({ event: "shutdown", signal, backlog: delivery.backlog() }, "draining the queue, then closing");
  setTimeout(() => process.exit(0), config.shutdownDrainMs + 5000).unref();
  const { undelivered, handedBack } = await delivery.drain(config.shutdownDrainMs);
  await redisMode?.close().catch(() => {});
  logger.info({ event: "drained", undelivered, handedBack }, "queue drained: closing the server");
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
