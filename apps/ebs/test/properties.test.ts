import { EBS_PATHS } from "@ext/shared";
import { forgeJwt } from "@ext/shared/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const RUNS = 200;
/** Printable ASCII: what an HTTP client can put in a header at all. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 300,
});
const base64urlPart = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
  maxLength: 200,
});
const jwtLike = fc.tuple(base64urlPart, base64urlPart, base64urlPart).map((parts) => parts.join("."));
/** Tokens signed with the right secret but random claims and headers: valid signatures, wrong everything else. */
const signedNonsense = fc
  .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([header, claims]) =>
    forgeJwt({
      header,
      payloadText: JSON.stringify(claims) ?? "null",
      key: Buffer.from(h.secretBase64, "base64"),
    }),
  );
const authorization = fc.oneof(
  headerText,
  headerText.map((t) => `Bearer ${t}`),
  jwtLike.map((t) => `Bearer ${t}`),
  fc.constant(null).map(() => `Bearer ${h.token()}`),
);
const notHype = fc
  .jsonValue({ maxDepth: 3 })
  .filter((v) => JSON.stringify(v) !== JSON.stringify({ action: "hype" }));
const rawBody = fc.oneof(
  fc.string({ maxLength: 500 }),
  notHype.map((v) => JSON.stringify(v) ?? ""),
  fc.constant('{"action":"hype"'),
);
const contentType = fc.oneof(
  fc.constant("application/json"),
  fc.constant("application/json; charset=utf-16"),
  fc.constant("text/plain"),
  headerText,
);

async function expectNoChatAndNo5xx(status: number, before: number) {
  expect(status).toBeLessThan(500);
  expect(h.fake.chatCalls).toBe(before);
}

describe("random input at POST /api/actions", () => {
  it("never answers 5xx nor sends chat for random headers and bodies", async () => {
    await fc.assert(
      fc.asyncProperty(authorization, contentType, rawBody, async (auth, type, body) => {
        const before = h.fake.chatCalls;
        const res = await h.ebs
          .post(EBS_PATHS.action)
          .set("Authorization", auth)
          .set("Content-Type", type)
          .send(body);
        await expectNoChatAndNo5xx(res.status, before);
        expect(res.body?.error?.code).toEqual(expect.any(String));
      }),
      { numRuns: RUNS },
    );
  });

  it("never answers 5xx nor sends chat for correctly signed tokens with random claims", async () => {
    await fc.assert(
      fc.asyncProperty(signedNonsense, notHype, async (token, body) => {
        const before = h.fake.chatCalls;
        const res = await h.ebs
          .post(EBS_PATHS.action)
          .set("Authorization", `Bearer ${token}`)
          .set("Content-Type", "application/json")
          .send(JSON.stringify(body) ?? "null");
        await expectNoChatAndNo5xx(res.status, before);
      }),
      { numRuns: RUNS },
    );
  });

  it("never answers 5xx for random paths, methods and Origin headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("get", "post", "put", "delete", "patch", "options"),
        fc.webPath(),
        fc.option(headerText, { nil: undefined }),
        async (method, path, origin) => {
          const before = h.fake.chatCalls;
          let req = h.ebs[method as "get"](path.startsWith("/") ? path : `/${path}`);
          if (origin !== undefined) req = req.set("Origin", origin);
          const res = await req;
          await expectNoChatAndNo5xx(res.status, before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("is still up and sending afterwards", async () => {
    const res = await h.post(h.token());
    expect(res.status).toBe(202);
    await until(() => h.fake.accepted.length === 1);
    expect(h.fake.accepted).toHaveLength(1);
  });
});
