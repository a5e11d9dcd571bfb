import { Writable } from "node:stream";
import express from "express";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { errorHandler } from "./error-handler.ts";

/** An app whose one route fails with `error`, answered by the EBS's error handler. */
function failingWith(error: unknown) {
  const app = express();
  app.post("/api/actions", (_req, _res, next) => next(error));
  const logger = createLogger({
    level: "silent",
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  app.use(errorHandler(logger));
  return supertest(app).post("/api/actions");
}

describe("the error handler's reading of body errors", () => {
  it("answers a 4xx body error without a type (zlib's) with 400 body_invalid, not 500", async () => {
    const zlib = Object.assign(new Error("incorrect header check"), { status: 400, code: "Z_DATA_ERROR" });
    const res = await failingWith(zlib);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "body_invalid",
      message:
        'The body could not be read: send {"action":"hype"} with Content-Type: application/json, uncompressed.',
    });
  });

  it("keeps 413 and 415 and maps every body-parser type to a sentence", async () => {
    const cases: [string, number, number, RegExp][] = [
      ["entity.too.large", 413, 413, /too large/],
      [
        "encoding.unsupported",
        415,
        415,
        /uncompressed: send the JSON without Content-Encoding \(this request has "gzip, gzip"\)/,
      ],
      ["charset.unsupported", 415, 415, /send UTF-8 JSON/],
      ["entity.too.deep", 400, 400, /more than 64 levels deep/],
      ["request.aborted", 400, 400, /ended before its Content-Length/],
      ["something.new", 415, 415, /could not be read/],
      ["something.odd", 418, 400, /could not be read/],
    ];
    for (const [type, status, answered, message] of cases) {
      const res = await failingWith(Object.assign(new Error(type), { status, type, encoding: "gzip, gzip" }));
      expect([type, res.status, res.body.error.code]).toEqual([type, answered, "body_invalid"]);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it("still answers an error that is not the client's with 500 internal and no details", async () => {
    const res = await failingWith(new Error("database on fire"));
    expect([res.status, res.body.error.code]).toEqual([500, "internal"]);
    expect(JSON.stringify(res.body)).not.toContain("database on fire");
  });
});
