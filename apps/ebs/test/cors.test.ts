import { EBS_PATHS } from "@ext/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ORIGIN, EXTENSION_ORIGIN, type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function preflight(origin: string) {
  return h.ebs
    .options(EBS_PATHS.action)
    .set("Origin", origin)
    .set("Access-Control-Request-Method", "POST")
    .set("Access-Control-Request-Headers", "authorization,content-type");
}

describe("CORS", () => {
  it("answers the extension origin's preflight without a token", async () => {
    const res = await preflight(EXTENSION_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(EXTENSION_ORIGIN);
    expect(res.headers["access-control-allow-headers"]).toMatch(/Authorization/);
    expect(res.headers["access-control-allow-headers"]).toMatch(/Content-Type/);
    expect(res.headers["access-control-allow-methods"]).toMatch(/POST/);
  });

  it("answers the preflight of an origin listed in ALLOWED_ORIGINS", async () => {
    const res = await preflight(DEV_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(DEV_ORIGIN);
  });

  it.each(["https://evil.example", "https://otherclientid.ext-twitch.tv", "http://localhost:8081", "null"])(
    "gives %s no Access-Control-Allow-Origin and a 403",
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(403);
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      expect(res.body.error.code).toBe("origin_not_allowed");
    },
  );

  it("does not act on a POST from another origin", async () => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Origin", "https://evil.example")
      .set("Authorization", `Bearer ${h.token()}`)
      .send({ action: "hype" });
    expect(res.status).toBe(403);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(h.fake.chatCalls).toBe(0);
  });

  it("lets the extension origin read the answer of a real POST, with helmet's headers too", async () => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Origin", EXTENSION_ORIGIN)
      .set("Authorization", `Bearer ${h.token()}`)
      .send({ action: "hype" });
    expect(res.status).toBe(202);
    expect(res.headers["access-control-allow-origin"]).toBe(EXTENSION_ORIGIN);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves requests that carry no Origin (server to server, curl)", async () => {
    const res = await h.ebs.get(EBS_PATHS.health);
    expect(res.status).toBe(200);
  });
});
