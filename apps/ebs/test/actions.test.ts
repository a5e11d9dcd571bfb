import { apiErrorSchema, EBS_PATHS, healthResponseSchema } from "@ext/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHANNEL_ID,
  type Harness,
  startHarness,
  VERSION,
  VIEWER_ID,
  VIEWER_NAME,
} from "./support/harness.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

function hype(token: string, body: unknown = { action: "hype" }) {
  return h.ebs
    .post(EBS_PATHS.action)
    .set("Authorization", `Bearer ${token}`)
    .send(body as object);
}

describe("POST /api/actions with a valid viewer token", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("answers 202 queued at once, then sends one Twitch-valid chat message naming a viewer who shared identity", async () => {
    const { queued, final } = await h.act(h.token());
    expect(queued).toEqual({ status: "queued", actionId: expect.any(String), channelId: CHANNEL_ID });
    expect(final).toEqual({
      actionId: queued.actionId,
      status: "sent",
      text: `${VIEWER_NAME} sent some hype to the stream! 🎉`,
    });
    expect(h.fake.refusals).toEqual([]);
    expect(h.fake.accepted).toEqual([
      { ok: true, broadcasterId: CHANNEL_ID, text: final.text, broadcasterIdFrom: "query" },
    ]);
  });

  it("uses neutral wording for a logged-in viewer who did not share identity, without a name lookup", async () => {
    const { final } = await h.act(h.token({ kind: "anonymous", userId: "5555" }));
    expect(final.text).toBe("A viewer sent some hype to the stream! 🎉");
    expect(h.fake.accepted.map((m) => m.text)).toEqual([final.text]);
    expect(h.fake.userRequests).toBe(0);
  });

  it("uses neutral wording for a logged-out viewer", async () => {
    const { final } = await h.act(h.token({ kind: "logged-out", sessionId: "abc123" }));
    expect(final.text).toBe("A viewer sent some hype to the stream! 🎉");
    expect(h.fake.accepted).toHaveLength(1);
  });

  it("posts to the channel the token was issued for", async () => {
    const { queued } = await h.act(h.token({ kind: "identified", userId: VIEWER_ID }, "2002"));
    expect(queued.channelId).toBe("2002");
    expect(h.fake.accepted.map((m) => m.broadcasterId)).toEqual(["2002"]);
  });

  it("accepts the broadcaster's own token and names them", async () => {
    const { final } = await h.act(h.token("broadcaster"));
    expect(final.text).toBe("Streamer sent some hype to the stream! 🎉");
  });

  it("signs a fresh external JWT for every call and never reuses the viewer's token", async () => {
    const viewerToken = h.token();
    await h.act(viewerToken);
    h.advance(5000);
    await h.act(h.token());
    expect(h.fake.chatBearers).toHaveLength(2);
    expect(new Set(h.fake.chatBearers).size).toBe(2);
    expect(h.fake.chatBearers).not.toContain(viewerToken);
  });

  it("fetches one app access token and caches the display name", async () => {
    await h.act(h.token());
    await h.act(h.token());
    expect(h.fake.tokenRequests).toBe(1);
    expect(h.fake.userRequests).toBe(1);
  });

  it("looks the name up again once its cache entry is older than the TTL", async () => {
    await h.close();
    h = await startHarness({ nameTtlMs: 60_000 });
    await h.act(h.token());
    h.advance(61_000);
    await h.act(h.token());
    expect(h.fake.userRequests).toBe(2);
    expect(h.fake.tokenRequests).toBe(1);
  });

  it("fetches a new app access token when Get Users answers 401", async () => {
    await h.close();
    h = await startHarness({ nameTtlMs: 1 });
    await h.act(h.token());
    h.fake.revokeTokens();
    h.advance(10);
    const { final } = await h.act(h.token());
    expect(final.text).toBe(`${VIEWER_NAME} sent some hype to the stream! 🎉`);
    expect(h.fake.tokenRequests).toBe(2);
  });

  it("still sends, with neutral wording, when the name lookup fails, and logs the failure", async () => {
    h.fake.usersFail = true;
    const { final } = await h.act(h.token());
    expect(final.text).toBe("A viewer sent some hype to the stream! 🎉");
    expect(h.fake.accepted).toHaveLength(1);
    expect(h.logLines().some((l) => l.event === "display_name_lookup_failed")).toBe(true);
  });
});

describe("POST /api/actions without TWITCH_CLIENT_SECRET", () => {
  beforeEach(async () => {
    h = await startHarness({ env: { TWITCH_CLIENT_SECRET: undefined } });
  });

  it("sends with neutral wording and never asks Twitch for a token or a name", async () => {
    const { final } = await h.act(h.token());
    expect(final.text).toBe("A viewer sent some hype to the stream! 🎉");
    expect(h.fake.tokenRequests).toBe(0);
    expect(h.fake.userRequests).toBe(0);
  });
});

describe("POST /api/actions with a wrong TWITCH_CLIENT_SECRET", () => {
  beforeEach(async () => {
    h = await startHarness({ env: { TWITCH_CLIENT_SECRET: "wrongsecret0123456789abcdefghi" } });
  });

  it("still sends with neutral wording and logs which variable to check", async () => {
    const { final } = await h.act(h.token());
    expect(final.text).toBe("A viewer sent some hype to the stream! 🎉");
    const failure = h.logLines().find((l) => l.event === "display_name_lookup_failed");
    expect(String(failure?.error)).toContain("TWITCH_CLIENT_SECRET");
    expect(h.logText()).not.toContain("wrongsecret0123456789abcdefghi");
  });
});

describe("POST /api/actions with bad input", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("answers 401 token_missing without an Authorization header", async () => {
    const res = await h.ebs.post(EBS_PATHS.action).send({ action: "hype" });
    expect(res.status).toBe(401);
    expect(apiErrorSchema.parse(res.body).error.code).toBe("token_missing");
    expect(h.fake.chatCalls).toBe(0);
  });

  it.each([
    ["a token without the Bearer word", (t: string) => t],
    ["Basic credentials", () => "Basic dXNlcjpwYXNz"],
    ["Bearer with two tokens", (t: string) => `Bearer ${t} ${t}`],
    ["Bearer alone", () => "Bearer"],
  ])("answers 401 token_malformed for %s", async (_name, header) => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Authorization", header(h.token()))
      .send({ action: "hype" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_malformed");
    expect(h.fake.chatCalls).toBe(0);
  });

  it.each([
    [{ action: "boo" }, /"action"/],
    [{}, /"action"/],
    [{ action: "hype", extra: 1 }, /"extra"/],
    [["hype"], /JSON object/],
  ])("answers 400 body_invalid naming the field for %j", async (body, message) => {
    const res = await hype(h.token(), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("body_invalid");
    expect(res.body.error.message).toMatch(message);
    expect(h.fake.chatCalls).toBe(0);
  });

  it("answers 400 body_invalid for malformed JSON", async () => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Authorization", `Bearer ${h.token()}`)
      .set("Content-Type", "application/json")
      .send('{"action": "hype"');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("body_invalid");
    expect(res.body.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("answers 400 body_invalid when the body is not sent as JSON", async () => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Authorization", `Bearer ${h.token()}`)
      .set("Content-Type", "text/plain")
      .send('{"action":"hype"}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Content-Type: application\/json/);
  });

  it("answers 413 body_invalid for a body over 4 KB", async () => {
    const res = await hype(h.token(), { action: "hype", padding: "x".repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_invalid");
    expect(h.fake.chatCalls).toBe(0);
  });

  it("refuses the token before reading the body", async () => {
    const res = await h.ebs
      .post(EBS_PATHS.action)
      .set("Authorization", "Bearer nope")
      .set("Content-Type", "application/json")
      .send("{not json");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_malformed");
  });
});

describe("other routes", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("answers GET /health with the extension version, without a token", async () => {
    const res = await h.ebs.get(EBS_PATHS.health);
    expect(res.status).toBe(200);
    expect(healthResponseSchema.parse(res.body)).toEqual({ status: "ok", version: VERSION });
  });

  it.each([
    ["GET", "/nowhere"],
    ["GET", EBS_PATHS.action],
    ["POST", EBS_PATHS.health],
    ["DELETE", EBS_PATHS.action],
  ])("answers %s %s with a 404 not_found JSON body", async (method, path) => {
    const res = await h.ebs[method.toLowerCase() as "get" | "post" | "delete"](path);
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(apiErrorSchema.parse(res.body).error.code).toBe("not_found");
  });

  it.each(["/api/actions/%E0", "/api/actions/%"])(
    "answers 404 not_found, not 500, for a path that is not valid percent-encoding (%s)",
    async (path) => {
      const res = await h.ebs.get(path).set("Authorization", `Bearer ${h.token()}`);
      expect(res.status).toBe(404);
      expect(apiErrorSchema.parse(res.body).error.code).toBe("not_found");
    },
  );

  it("sets the security headers a JSON API needs, and no document-only ones", async () => {
    const res = await h.ebs.get(EBS_PATHS.health);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBe("default-src 'none'");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=/);
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["x-frame-options"]).toBeUndefined();
  });
});
