import type { Refusal } from "@ext/shared";
import { diagnoseRepeatedHeaders, diagnoseUnreadableBody } from "@ext/shared/server";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { ChatFaultKind } from "../state/types.ts";
import { mountBitsProducts } from "./bits-products.ts";
import { textBodyTooDeep, unreadableBody } from "./body.ts";
import { mountChat } from "./chat.ts";
import { mountConfigurations } from "./configurations.ts";
import { mountEventSub } from "./eventsub.ts";
import { mountExtensionTransactions } from "./extension-transactions.ts";
import { loggablePath } from "./loggable-path.ts";
import { mountOAuth } from "./oauth.ts";
import { mountPubSub } from "./pubsub.ts";
import { type RecordedRefusal, sendOAuthRefusal, sendRefusal } from "./refusal.ts";
import { loggedDetails } from "./request-details.ts";
import { mountSecrets } from "./secrets.ts";
import { mountStreams } from "./streams.ts";
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
        ...loggedDetails(res),
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

/** A refusal in the shape of the host called: id.twitch.tv's for `/oauth2`, Helix's for the rest. */
function refuseCall(req: Request, res: Response, refusal: Refusal): void {
  if (req.originalUrl.startsWith("/oauth2")) sendOAuthRefusal(res, refusal);
  else sendRefusal(res, refusal);
}

/** Two Authorization, Client-Id or Content-Type headers: refused before the body is read. */
function refuseRepeatedHeaders(req: Request, res: Response, next: NextFunction) {
  const refusal = diagnoseRepeatedHeaders(req.rawHeaders);
  if (refusal) return refuseCall(req, res, refusal);
  next();
}

/** A body the text parser could not read (too large, its encoding or charset wrong), diagnosed. */
function refuseUnreadableBody(error: unknown, req: Request, res: Response, next: NextFunction) {
  const unreadable = unreadableBody(error, req);
  if (!unreadable) return next(error);
  refuseCall(req, res, diagnoseUnreadableBody(unreadable));
}

/** JSON nested deeper than any Twitch body, refused before a route parses it. */
function refuseDeepBody(req: Request, res: Response, next: NextFunction) {
  if (textBodyTooDeep(req)) return refuseCall(req, res, diagnoseUnreadableBody({ cause: "too_deep" }));
  next();
}

/**
 * The mock Twitch API at Twitch's own paths (Helix, id.twitch.tv's token endpoint, the removed v5 path).
 * Bodies are read as text so a body that is not JSON is judged (and diagnosed) instead of crashing; a
 * request no Twitch route could judge (repeated headers, a body too large, too deep or not in its encoding)
 * is refused first, with its diagnosis.
 */
export function createTwitchApiRouter(state: RigState): Router {
  const router = express.Router();
  const paths = ["/helix", "/oauth2", "/extensions"];
  router.use(paths, helixCors);
  router.use(paths, recordEveryCall(state));
  router.use(paths, refuseRepeatedHeaders);
  router.use(paths, express.text({ type: () => true, limit: "64kb" }), refuseUnreadableBody);
  router.use(paths, refuseDeepBody);
  mountChat(router, state);
  mountPubSub(router, state);
  mountUsers(router, state);
  mountStreams(router, state);
  mountConfigurations(router, state);
  mountSecrets(router, state);
  mountOAuth(router, state);
  mountBitsProducts(router, state);
  mountExtensionTransactions(router, state);
  mountEventSub(router, state);
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
