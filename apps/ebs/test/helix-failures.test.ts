import { createServer } from "node:net";
import { DIAGNOSIS_HEADERS, EBS_PATHS, explainChatRefusal } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

function hype() {
  return h.ebs.post(EBS_PATHS.action).set("Authorization", `Bearer ${h.token()}`).send({ action: "hype" });
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("when Twitch refuses the chat call", () => {
  it.each([400, 401, 403, 404])(
    "maps Helix %i to 502 chat_refused with the translated reason",
    async (status) => {
      h = await startHarness();
      h.fake.chatMode = { kind: "status", status };
      const res = await hype();
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe("chat_refused");
      expect(res.body.error.message).toContain(explainChatRefusal(status));
      expect(res.body.error.message).not.toContain("Diagnosis:");
      expect(h.fake.chatCalls).toBe(1);
    },
  );

  it("appends the rig's diagnosis when the answer carries it", async () => {
    h = await startHarness();
    h.fake.chatMode = {
      kind: "status",
      status: 401,
      headers: {
        [DIAGNOSIS_HEADERS.code]: "chat_not_granted",
        [DIAGNOSIS_HEADERS.message]: "The broadcaster has not granted chat %E2%86%92 grant it.",
      },
    };
    const res = await hype();
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(/Diagnosis: The broadcaster has not granted chat → grant it\.$/);
  });

  it("explains a JWT signed for the wrong owner with the fake Twitch's own diagnosis", async () => {
    h = await startHarness({ env: { TWITCH_OWNER_ID: "77777" } });
    const res = await hype();
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("chat_refused");
    expect(h.fake.refusals.map((r) => r.code)).toEqual(["user_id_not_owner"]);
    expect(res.body.error.message).toContain(explainChatRefusal(401));
    expect(res.body.error.message).toContain('Twitch said: "authentication failed"');
    expect(res.body.error.message).toContain(h.fake.refusals[0]?.diagnosis);
  });

  it("explains a version that is not the one installed on the channel (404)", async () => {
    h = await startHarness();
    h.fake.setChannel(CHANNEL_ID, { installedVersion: "0.0.2" });
    const res = await hype();
    expect(res.status).toBe(502);
    expect(h.fake.refusals.map((r) => r.code)).toEqual(["version_not_installed"]);
    expect(res.body.error.message).toContain(explainChatRefusal(404));
  });

  it("explains a broadcaster who has not granted chat (401)", async () => {
    h = await startHarness();
    h.fake.setChannel(CHANNEL_ID, { chatGranted: false });
    const res = await hype();
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(/Diagnosis: .*granted chat permission/);
  });
});

describe("when Twitch cannot take the message now", () => {
  it("maps 429 to 503 twitch_rate_limited with retryAfterSeconds from Ratelimit-Reset", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "rate_limited", resetInSeconds: 42 };
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_rate_limited");
    expect(res.body.error.retryAfterSeconds).toBe(42);
    expect(res.headers["retry-after"]).toBe("42");
  });

  it("maps a 500 from Twitch to 503 twitch_unavailable", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "status", status: 500 };
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_unavailable");
  });

  it("maps a 503 from Twitch to 503 twitch_unavailable", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "status", status: 503 };
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_unavailable");
  });

  it("gives up on a Twitch that does not answer, with 503 twitch_unavailable", async () => {
    h = await startHarness({ timeoutMs: 200 });
    h.fake.chatMode = { kind: "hang" };
    const started = Date.now();
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_unavailable");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("maps a connection closed by Twitch to 503 twitch_unavailable", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "close" };
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_unavailable");
  });

  it("maps a refused connection to 503 twitch_unavailable", async () => {
    const port = await closedPort();
    h = await startHarness({ env: { TWITCH_API_BASE: `http://127.0.0.1:${port}` } });
    const res = await hype();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("twitch_unavailable");
    expect(res.body.error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it("logs each chat send with the broadcaster id, status and duration", async () => {
    h = await startHarness();
    await hype().expect(200);
    h.fake.chatMode = { kind: "status", status: 404 };
    await hype().expect(502);
    const sends = h.logLines().filter((l) => l.event === "chat_send");
    expect(sends).toEqual([
      expect.objectContaining({ broadcasterId: CHANNEL_ID, status: 204, durationMs: expect.any(Number) }),
      expect.objectContaining({ broadcasterId: CHANNEL_ID, status: 404, durationMs: expect.any(Number) }),
    ]);
  });
});
