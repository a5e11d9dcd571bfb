import { systemClock } from "@ext/shared";
import { createApp } from "./app.ts";
import { type Config, ConfigError, readConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createHelixChatSender } from "./twitch/helix-chat.ts";
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

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: config.extensionName });
const clock = systemClock;
const app = createApp({
  config,
  clock,
  logger,
  chat: createHelixChatSender({ config, clock, logger }),
  users: createUserDirectory({ config, clock, logger }),
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

function shutdown(signal: NodeJS.Signals): void {
  logger.info({ event: "shutdown", signal }, "closing the server");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
