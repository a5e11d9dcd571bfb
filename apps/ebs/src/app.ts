import { EBS_PATHS, type HealthResponse } from "@ext/shared";
import express, { type Express } from "express";
import helmet from "helmet";
import { addActionRoutes } from "./actions/route.ts";
import { createCooldowns } from "./delivery/cooldowns.ts";
import { createDeliveryQueue } from "./delivery/delivery-queue.ts";
import { systemScheduler } from "./delivery/scheduler.ts";
import type { AppDeps } from "./deps.ts";
import { createCors } from "./http/cors.ts";
import { errorHandler, notFound } from "./http/errors.ts";
import { requestLogger } from "./http/request-log.ts";
import { addSettingsRoutes } from "./settings/settings-route.ts";

/** Builds the EBS's Express app from its dependencies. No side effects: it listens nowhere by itself. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Answers are per-request JSON (202 queued, a status): an ETag would only cost a hash per response.
  app.set("etag", false);
  app.use(requestLogger(deps.logger));
  app.use(
    helmet({
      // The EBS answers JSON only, never a document: a CSP that allows nothing, nosniff and HSTS, and none of
      // the headers meant for HTML pages (framing, opener, referrer, cross-origin resource policy, legacy IE
      // ones). Each header is bytes on every answer of a busy endpoint, for its client too.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } },
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
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
  const cooldowns =
    deps.cooldowns ?? createCooldowns({ seconds: deps.config.viewerCooldownSeconds, clock: deps.clock });
  addActionRoutes(app, deps, { queue, cooldowns });
  if (deps.settings) addSettingsRoutes(app, deps, deps.settings);

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
