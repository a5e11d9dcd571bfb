import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { ChatFaultKind } from "../state/types.ts";
import { mountChat } from "./chat.ts";
import { mountConfigurations } from "./configurations.ts";
import { loggablePath } from "./loggable-path.ts";
import { mountOAuth } from "./oauth.ts";
import { mountPubSub } from "./pubsub.ts";
import type { RecordedRefusal } from "./refusal.ts";
import { mountSecrets } from "./secrets.ts";
import { mountUsers } from "./users.ts";
import { mountRemovedV5Chat } from "./v5.ts";

function recordEveryCall(state: RigState) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      const refusal = res.locals.refusal as RecordedRefusal | undefined;
      state.record({
        method: req.method,
        path: loggablePath(req),
        status: res.statusCode,
        ...(refusal ? { code: refusal.code, diagnosis: refusal.diagnosis } : {}),
        ...(typeof res.locals.fault === "string" ? { fault: res.locals.fault as ChatFaultKind } : {}),
      });
    });
    next();
  };
}

/** Helix answers browsers from any origin (extension frontends call it with their helixToken). */
function helixCors(req: Request, res: Response, next: NextFunction) {
  res.set("Access-Control-Allow-Origin", "*");
  res.set(
    "Access-Control-Expose-Headers",
    "Ratelimit-Limit, Ratelimit-Remaining, Ratelimit-Reset, x-rig-diagnosis-code, x-rig-diagnosis",
  );
  if (req.method === "OPTIONS") {
    res.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
    res.set("Access-Control-Allow-Headers", "Authorization, Client-Id, Content-Type");
    res.status(204).end();
    return;
  }
  next();
}

/**
 * The mock Twitch API at Twitch's own paths (Helix, id.twitch.tv's token endpoint, the removed v5 path).
 * Bodies are read as text so a body that is not JSON is judged (and diagnosed) instead of crashing.
 */
export function createTwitchApiRouter(state: RigState): Router {
  const router = express.Router();
  const paths = ["/helix", "/oauth2", "/extensions"];
  router.use(paths, helixCors);
  router.use(paths, recordEveryCall(state));
  router.use(paths, express.text({ type: () => true, limit: "64kb" }));
  mountChat(router, state);
  mountPubSub(router, state);
  mountUsers(router, state);
  mountConfigurations(router, state);
  mountSecrets(router, state);
  mountOAuth(router, state);
  mountRemovedV5Chat(router);
  router.use(paths, (req, res) => {
    res.status(404).json({
      error: "Not Found",
      status: 404,
      message: `${req.method} ${req.originalUrl.split("?")[0]} is not mocked by the rig`,
    });
  });
  return router;
}
