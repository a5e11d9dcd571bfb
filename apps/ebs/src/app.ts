import { EBS_PATHS, type HealthResponse } from "@ext/shared";
import express, { type Express } from "express";
import { addActionRoutes } from "./actions/action-routes.ts";
import { addBitsRoutes } from "./bits/bits-routes.ts";
import { addEventSubRoutes } from "./bits/eventsub-routes.ts";
import { createCooldowns } from "./delivery/cooldowns.ts";
import type { AppDeps } from "./deps.ts";
import { createAuthenticator } from "./http/authenticate.ts";
import { createCors } from "./http/cors.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { serveFirst } from "./http/fast-lane.ts";
import { requestLogger } from "./http/request-log.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { addLiveRoutes } from "./live/live-routes.ts";
import { addSettingsRoutes } from "./settings/settings-routes.ts";

/** Builds the EBS's Express app from its dependencies. No side effects: it listens nowhere by itself. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Answers are per-request JSON (202 queued, a status): an ETag would only cost a hash per response.
  app.set("etag", false);
  // What every request meets first, in Express and in the fast lane alike.
  const edge = [requestLogger(deps.logger), securityHeaders(), createCors(deps.config.allowedOrigins)];
  app.use(edge);

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
  const { postAction } = addActionRoutes(app, deps, { auth, queue: deps.delivery, cooldowns });
  if (deps.live) addLiveRoutes(app, { auth, live: deps.live });
  if (deps.bits) {
    addBitsRoutes(app, {
      auth,
      config: deps.config,
      clock: deps.clock,
      announcer: deps.bits.announcer,
      ledger: deps.bits.ledger,
      helix: deps.helix,
      logger: deps.logger,
      ...(deps.onSignatureInvalid ? { onSignatureInvalid: deps.onSignatureInvalid } : {}),
    });
  }
  if (deps.bits && deps.eventSub) {
    addEventSubRoutes(app, {
      ...deps.eventSub,
      clientId: deps.config.clientId,
      clock: deps.clock,
      logger: deps.logger,
      announcer: deps.bits.announcer,
    });
  }
  if (deps.settings) addSettingsRoutes(app, deps, { auth, settings: deps.settings, helix: deps.helix });

  const onError = errorHandler(deps.logger);
  app.use(notFound);
  app.use(onError);
  // The busiest route, POST /api/actions exactly, skips Express's per-request setup: the same edge, the
  // same handler, the same error answers.
  serveFirst(app, {
    method: "POST",
    path: EBS_PATHS.action,
    handlers: [...edge, postAction],
    onError,
  });
  return app;
}
