import { JSON_NESTING_MAX } from "@ext/shared";
import express from "express";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { jsonBody } from "./json-body.ts";

/** An app that parses with the EBS's body parser and answers what it made of the body. */
function app() {
  const server = express();
  server.post("/", jsonBody("4kb"), (req, res) => {
    const body = req.body as Record<string, unknown>;
    res.json({
      prototypeIsObjects: Object.getPrototypeOf(body) === Object.prototype,
      ownKeys: Object.keys(body),
      inheritsPolluted: "polluted" in body && !Object.hasOwn(body, "polluted"),
    });
  });
  server.use(
    (
      error: { status: number; type?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(error.status).json({ type: error.type ?? null });
    },
  );
  return supertest(server);
}

describe("the EBS's JSON body parser", () => {
  it("keeps __proto__ and constructor keys as own fields: the body's prototype stays Object.prototype and nothing is polluted", async () => {
    const res = await app()
      .post("/")
      .set("Content-Type", "application/json")
      .send('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"action":"hype"}');
    expect(res.body).toEqual({
      prototypeIsObjects: true,
      ownKeys: ["__proto__", "constructor", "action"],
      inheritsPolluted: false,
    });
    expect("polluted" in {}).toBe(false);
  });

  it("refuses JSON nested deeper than the limit before parsing it, and parses one exactly at it", async () => {
    const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
    const deep = await app()
      .post("/")
      .set("Content-Type", "application/json")
      .send(nested(JSON_NESTING_MAX + 1));
    expect([deep.status, deep.body.type]).toEqual([400, "entity.too.deep"]);
    const atLimit = await app()
      .post("/")
      .set("Content-Type", "application/json")
      .send(nested(JSON_NESTING_MAX));
    expect(atLimit.status).toBe(200);
  });

  it("refuses every Content-Encoding but identity with 415 instead of inflating it", async () => {
    for (const encoding of ["gzip", "deflate", "br", "gzip, gzip", "x-evil"]) {
      const res = await app()
        .post("/")
        .set("Content-Type", "application/json")
        .set("Content-Encoding", encoding)
        .send('{"action":"hype"}');
      expect([res.status, res.body.type]).toEqual([415, "encoding.unsupported"]);
    }
    const identity = await app()
      .post("/")
      .set("Content-Type", "application/json")
      .set("Content-Encoding", "identity")
      .send('{"action":"hype"}');
    expect(identity.body.ownKeys).toEqual(["action"]);
  });
});
