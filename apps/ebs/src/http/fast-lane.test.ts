import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { serveFirst } from "./fast-lane.ts";
import { jsonBody } from "./json-body.ts";
import { sendJson } from "./send-json.ts";

/** Whether Express set the request up: it puts its own request prototype in front of Node's. */
const byExpress = (req: object) => Object.prototype.isPrototypeOf.call(express.request, req);

/**
 * An app with `handlers` both as its Express route and in its fast lane for `POST /lane`, the same error
 * answer in both, and a counter of the requests its Express middleware saw.
 */
function serve(handlers: RequestHandler[]) {
  const seen = { byExpressMiddleware: 0 };
  const onError: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendJson(res, 500, { failed: error instanceof Error ? error.message : String(error) });
  };
  const app = express();
  app.use((_req, _res, next) => {
    seen.byExpressMiddleware++;
    next();
  });
  app.post("/lane", ...handlers);
  app.use(onError);
  serveFirst(app, { method: "POST", path: "/lane", handlers, onError });
  return { request: supertest(app), seen };
}

const answer: RequestHandler = (req, res) => {
  sendJson(res, 202, { byExpress: byExpress(req), body: req.body ?? null, locals: typeof res.locals });
};

describe("the fast lane", () => {
  it("answers its method and exact path without Express, with the body parser's body and res.locals", async () => {
    const { request, seen } = serve([jsonBody("4kb"), answer]);
    const res = await request.post("/lane").send({ action: "hype" });
    expect(res.status).toBe(202);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.body).toEqual({ byExpress: false, body: { action: "hype" }, locals: "object" });
    expect(seen.byExpressMiddleware).toBe(0);
  });

  it("leaves a query string, a trailing slash, another case and another method to Express's router", async () => {
    const { request, seen } = serve([jsonBody("4kb"), answer]);
    for (const path of ["/lane?x=1", "/lane/", "/LANE"]) {
      const res = await request.post(path).send({ action: "hype" });
      expect(res.status, path).toBe(202);
      expect(res.body.byExpress, path).toBe(true);
    }
    expect((await request.get("/lane")).status).toBe(404);
    expect(seen.byExpressMiddleware).toBe(4);
  });

  it("runs the handlers in order and sends next(error), a throw and a rejected promise to the error answer", async () => {
    const order: string[] = [];
    const first: RequestHandler = (_req, _res, next) => {
      order.push("first");
      next();
    };
    const second: RequestHandler = (_req, _res, next) => {
      order.push("second");
      next();
    };
    expect((await serve([first, second, answer]).request.post("/lane")).status).toBe(202);
    expect(order).toEqual(["first", "second"]);

    const failures: RequestHandler[] = [
      (_req, _res, next) => next(new Error("passed on")),
      () => {
        throw new Error("thrown");
      },
      async () => {
        throw new Error("rejected");
      },
    ];
    for (const [i, failure] of failures.entries()) {
      const res = await serve([failure]).request.post("/lane");
      expect(res.status).toBe(500);
      expect(res.body.failed).toBe(["passed on", "thrown", "rejected"][i]);
    }
  });

  it("answers through the error handler when its handlers end without an answer", async () => {
    const res = await serve([(_req, _res, next) => next()]).request.post("/lane");
    expect(res.status).toBe(500);
    expect(res.body.failed).toBe("the fast lane for /lane ended without an answer");
  });

  it("closes the connection when a handler fails after the answer started, as Express does", async () => {
    const halfway: RequestHandler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("half");
      throw new Error("after the headers");
    };
    await expect(serve([halfway]).request.post("/lane")).rejects.toThrow();
  });
});
