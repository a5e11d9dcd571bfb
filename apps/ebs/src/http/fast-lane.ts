import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from "express";

/**
 * One route answered before Express sees the request: `method` and exactly `path` (no query string, no
 * trailing slash; anything else goes to Express, whose router serves the same route). Its `handlers` run
 * in order as Express would run them (`next()`, `next(error)`, a throw or a rejected promise goes to
 * `onError`), but they get Node's own request and response: they may use Node's API, `req.body` (set by the
 * body parser) and `res.locals`, nothing Express adds (`res.json`, `req.path`...). Every action test of
 * the EBS goes through the lane, so a handler that reached for Express would fail them.
 */
export interface FastLane {
  method: string;
  path: string;
  handlers: readonly RequestHandler[];
  onError: ErrorRequestHandler;
}

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: (error?: unknown) => void) => void;

/** What Express's final handler does with an error once the answer has started: the socket is closed. */
function abort(req: IncomingMessage): void {
  req.socket.destroy();
}

function runLane(lane: FastLane, req: Request, res: Response): void {
  res.locals = Object.create(null);
  let index = 0;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return abort(req);
    failed = true;
    try {
      lane.onError(error, req, res, () => abort(req));
    } catch {
      abort(req);
    }
  };
  const next = (error?: unknown) => {
    if (error) return fail(error);
    const handler = lane.handlers[index++];
    if (!handler) return fail(new Error(`the fast lane for ${lane.path} ended without an answer`));
    try {
      const done: unknown = handler(req, res, next);
      if (done instanceof Promise) done.catch((e: unknown) => fail(e ?? new Error("Rejected promise")));
    } catch (e) {
      fail(e);
    }
  };
  next();
}

/**
 * Puts `lane` in front of `app`: a request it takes never enters Express. Express sets up every request
 * (both prototypes replaced, a final handler, the router's layers); for a route answered in a few
 * microseconds of its own work that setup is most of the cost: under `bench:throughput`'s load a bare
 * Express route took 4-5 times the CPU of a plain Node handler parsing the same body (measured once, here).
 * Every other request is Express's, as before.
 */
export function serveFirst(app: Express, lane: FastLane): void {
  // `app(req, res)` calls `app.handle` (Express 5's lib/express.js); its types leave `handle` out.
  const dispatcher = app as Express & { handle: Handle };
  const express = dispatcher.handle.bind(app);
  dispatcher.handle = (req, res, callback) => {
    if (req.method === lane.method && req.url === lane.path) {
      return runLane(lane, req as Request, res as Response);
    }
    return express(req, res, callback);
  };
}
