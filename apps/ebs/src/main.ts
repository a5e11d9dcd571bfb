import { type Config, ConfigError, readConfig } from "./config.ts";
import { type Ebs, RedisUnavailableError, startEbs } from "./ebs.ts";
import { createLogger } from "./logger.ts";
import { StoreUnavailableError } from "./store/durable-store.ts";

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

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: config.extensionName });

async function startOrExit(): Promise<Ebs> {
  try {
    return await startEbs(config, { logger });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      logger.fatal({ event: "store_unavailable", error: error.message }, error.message);
      process.exit(1);
    }
    if (!(error instanceof RedisUnavailableError)) throw error;
    logger.fatal(
      { event: "redis_unavailable", error: error.message },
      "The EBS could not reach Redis at REDIS_URL: start Redis, fix REDIS_URL, or unset it to run one instance in memory.",
    );
    process.exit(1);
  }
}
const ebs = await startOrExit();

const server = ebs.app.listen(config.port, config.host, () => {
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
  // Twitch sends the EventSub challenge to the webhook at once: subscribe only once it is served.
  ebs.startBits();
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
  logger.info(
    { event: "shutdown", signal, backlog: ebs.delivery.backlog() },
    "draining the queue, then closing",
  );
  setTimeout(() => process.exit(0), config.shutdownDrainMs + 5000).unref();
  const { undelivered, handedBack } = await ebs.stop(config.shutdownDrainMs);
  logger.info({ event: "drained", undelivered, handedBack }, "queue drained: closing the server");
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
