import { EBS_PATHS, type HealthResponse } from "@ext/shared";
import express, { type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { createActionsRouter } from "./actions/route.ts";
import { createCooldowns } from "./delivery/cooldowns.ts";
import { createDeliveryQueue } from "./delivery/delivery-queue.ts";
import { systemScheduler } from "./delivery/scheduler.ts";
import type { AppDeps } from "./deps.ts";
import { createCors } from "./http/cors.ts";
import { errorHandler, notFound } from "./http/errors.ts";

/** Builds the EBS's Express app from its dependencies. No side effects: it listens nowhere by itself. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger: deps.logger,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
      serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
      customErrorObject: (_req, _res, _error, fields: Record<string, unknown>) => {
        const { err: _synthetic, ...rest } = fields;
        return rest;
      },
      customErrorMessage: (req, res) => `${req.method} ${req.url} answered ${res.statusCode}`,
      customProps: (_req, res) =>
        typeof res.locals?.errorCode === "string" ? { errorCode: res.locals.errorCode } : {},
    }),
  );
  app.use(helmet({ crossOriginResourcePolicy: { policy: "cross-origin" } }));
  app.use(createCors(deps.config.allowedOrigins));

  app.get(EBS_PATHS.health, (_req, res) => {
    const health: HealthResponse = { status: "ok", version: deps.config.extensionVersion };
    res.json(health);
  });
  const queue =
    deps.delivery ??
    createDeliveryQueue({
      chat: deps.chat,
      users: deps.users,
      clock: deps.clock,
      scheduler: deps.scheduler ?? systemScheduler,
      logger: deps.logger,
    });
  const cooldowns = createCooldowns({ seconds: deps.config.viewerCooldownSeconds, clock: deps.clock });
  app.use(createActionsRouter(deps, { queue, cooldowns }));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
