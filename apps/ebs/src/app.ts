import { EBS_PATHS, type HealthResponse } from "@ext/shared";
import express, { type Express } from "express";
import helmet from "helmet";
import { addActionRoutes } from "./actions/action-routes.ts";
import { addBitsRoutes } from "./bits/bits-routes.ts";
import { addEventSubRoutes } from "./bits/eventsub-routes.ts";
import { createCooldowns } from "./delivery/cooldowns.ts";
import type { AppDeps } from "./deps.ts";
import { createAuthenticator } from "./http/authenticate.ts";
import { createCors } from "./http/cors.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { requestLogger } from "./http/request-log.ts";
import { addLiveRoutes } from "./live/live-routes.ts";
import { addSettingsRoutes } from "./settings/settings-routes.ts";

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
  const auth = createAuthenticator({
    config: deps.config,
    clock: deps.clock,
    ...(deps.onSignatureInvalid ? { onSignatureInvalid: deps.onSignatureInvalid } : {}),
  });
  const cooldowns =
    deps.cooldowns ?? createCooldowns({ seconds: deps.config.viewerCooldownSeconds, clock: deps.clock });
  addActionRoutes(app, deps, { auth, queue: deps.delivery, cooldowns });
  if (deps.live) addLiveRoutes(app, { auth, live: deps.live });
  if (deps.bits) {
    addBitsRoutes(app, {
      auth,
      config: deps.config,
      clock: deps.clock,
      announcer: deps.bits,
      ...(deps.onSignatureInvalid ? { onSignatureInvalid: deps.onSignatureInvalid } : {}),
    });
  }
  if (deps.bits && deps.eventSub) {
    addEventSubRoutes(app, {
      ...deps.eventSub,
      clientId: deps.config.clientId,
      clock: deps.clock,
      logger: deps.logger,
      announcer: deps.bits,
    });
  }
  if (deps.settings) addSettingsRoutes(app, deps, { auth, settings: deps.settings, helix: deps.helix });

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
