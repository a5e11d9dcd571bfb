import { helixErrorBody } from "@ext/shared";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createBrowserRoutes } from "./browser/routes.ts";
import { type EventSubDeliveryOptions, startEventSubDeliveries } from "./eventsub/deliveries.ts";
import { createRigApiRouter } from "./rig-api/routes.ts";
import type { RigState } from "./state/rig-state.ts";
import { createTwitchApiRouter } from "./twitch-api/router.ts";

export interface RigAppDeps {
  state: RigState;
  /** SSE heartbeat period; tests shorten it. */
  heartbeatMs?: number;
  /** EventSub webhook retries and revocation; tests shorten the waits. */
  eventSub?: EventSubDeliveryOptions;
}

/**
 * The rig as one Express app: Twitch's paths (mock Helix and OAuth), the rig's API under `/rig/api`, and
 * the browser files. No side effects: the caller listens. Time comes from the state's clock.
 */
export function createRigApp(deps: RigAppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  // Deliveries only answer the state's events (a new subscription, a purchase): nothing runs until one comes.
  startEventSubDeliveries(deps.state, deps.eventSub);
  app.use(createTwitchApiRouter(deps.state));
  app.use("/rig/api", createRigApiRouter(deps.state, { heartbeatMs: deps.heartbeatMs }));
  app.use(createBrowserRoutes());
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const stated = (error as { status?: unknown } | null)?.status;
    const status = typeof stated === "number" && stated >= 400 && stated < 500 ? stated : 500;
    const message =
      status === 500 ? "The rig failed to handle this request." : String((error as Error).message);
    if (status === 500) console.error(error);
    res.status(status).json(helixErrorBody(status, message));
  });
  return app;
}
