import { createServer } from "node:net";
import { DIAGNOSIS_HEADERS, explainChatRefusal } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, type Harness, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Sends one action and waits for its final status. */
async function hype() {
  return (await h.act(h.token())).final;
}

/**
 * Sends one action and answers its id once the fake Twitch has seen `calls` chat calls and the EBS has
 * acted on the answer (so its retry or wait is scheduled before the test moves the clock).
 */
async function postAndWaitForCalls(calls: number) {
  const token = h.token();
  const res = await h.post(token).expect(202);
  await until(() => h.fake.chatCalls >= calls);
  await h.chatSettled();
  return { token, actionId: res.body.actionId as string };
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
    "marks the action failed on Helix %i with the translated reason, without retrying",
    async (status) => {
      h = await startHarness();
      h.fake.chatMode = { kind: "status", status };
      const final = await hype();
      expect(final.status).toBe("failed");
      expect(final.error?.code).toBe("chat_refused");
      expect(final.error?.message).toContain(explainChatRefusal(status));
      expect(final.error?.message).not.toContain("Diagnosis:");
      h.advance(60_000);
      expect(h.fake.chatCalls).toBe(1);
      expect(h.logLines().some((l) => l.event === "chat_undelivered" && l.reason === "chat_refused")).toBe(
        true,
      );
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
    const final = await hype();
    expect(final.error?.message).toMatch(/Diagnosis: The broadcaster has not granted chat → grant it\.$/);
  });

  it("explains a JWT signed for the wrong owner with the fake Twitch's own diagnosis", async () => {
    h = await startHarness({ env: { TWITCH_OWNER_ID: "77777" } });
    const final = await hype();
    expect(final.error?.code).toBe("chat_refused");
    expect(h.fake.refusals.map((r) => r.code)).toEqual(["user_id_not_owner"]);
    expect(final.error?.message).toContain(explainChatRefusal(401));
    expect(final.error?.message).toContain('Twitch said: "authentication failed"');
    expect(final.error?.message).toContain(h.fake.refusals[0]?.diagnosis);
  });

  it("explains a version that is not the one installed on the channel (404)", async () => {
    h = await startHarness();
    h.fake.setChannel(CHANNEL_ID, { installedVersion: "0.0.2" });
    const final = await hype();
    expect(h.fake.refusals.map((r) => r.code)).toEqual(["version_not_installed"]);
    expect(final.error?.message).toContain(explainChatRefusal(404));
  });

  it("explains a broadcaster who has not granted chat (401)", async () => {
    h = await startHarness();
    h.fake.setChannel(CHANNEL_ID, { chatGranted: false });
    const final = await hype();
    expect(final.error?.message).toMatch(/Diagnosis: .*granted chat permission/);
  });
});

describe("when Twitch cannot take the message now", () => {
  it("on a 429 waits until Ratelimit-Reset, then sends the same action", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "rate_limited", resetInSeconds: 42 };
    const { token, actionId } = await postAndWaitForCalls(1);
    h.fake.chatMode = { kind: "judge" };
    h.advance(41_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.chatCalls).toBe(1);
    h.advance(1_000);
    const final = await h.status(actionId, token);
    expect(final.status).toBe("sent");
    expect(h.fake.chatCalls).toBe(2);
    expect(h.logLines().some((l) => l.event === "chat_rate_limited")).toBe(true);
  });

  it.each([500, 503])("retries a %i from Twitch after a backoff and then sends", async (status) => {
    h = await startHarness();
    h.fake.chatMode = { kind: "status", status };
    const { token, actionId } = await postAndWaitForCalls(1);
    h.fake.chatMode = { kind: "judge" };
    h.advance(1_000);
    const final = await h.status(actionId, token);
    expect(final).toMatchObject({ status: "sent" });
    expect(h.fake.chatCalls).toBe(2);
    expect(h.fake.accepted).toHaveLength(1);
  });

  it("waits longer after each failure (exponential backoff) and gives up after the last attempt", async () => {
    h = await startHarness({
      queue: { retry: { maxAttempts: 4, baseMs: 1000, maxMs: 60_000 }, random: () => 0.999 },
    });
    h.fake.chatMode = { kind: "status", status: 500 };
    const { token, actionId } = await postAndWaitForCalls(1);
    for (const [wait, calls] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
    ] as const) {
      h.advance(wait - 10);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(h.fake.chatCalls).toBe(calls - 1);
      h.advance(10);
      await until(() => h.fake.chatCalls === calls);
      await h.chatSettled();
    }
    const final = await h.status(actionId, token);
    expect(final.status).toBe("failed");
    expect(final.error?.code).toBe("twitch_unavailable");
    h.advance(60_000);
    expect(h.fake.chatCalls).toBe(4);
    const retries = h.logLines().filter((l) => l.event === "chat_retry");
    expect(retries.map((l) => l.failures)).toEqual([1, 2, 3]);
    expect(h.logLines().some((l) => l.event === "chat_undelivered" && l.actions === 1)).toBe(true);
  });

  it("retries a Twitch that does not answer in time", async () => {
    h = await startHarness({ timeoutMs: 100 });
    h.fake.chatMode = { kind: "hang" };
    const { token, actionId } = await postAndWaitForCalls(1);
    await until(() => h.logLines().some((l) => l.event === "chat_retry"));
    h.fake.chatMode = { kind: "judge" };
    h.advance(1_000);
    expect((await h.status(actionId, token)).status).toBe("sent");
  });

  it("retries a connection closed by Twitch", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "close" };
    const { token, actionId } = await postAndWaitForCalls(1);
    await until(() => h.logLines().some((l) => l.event === "chat_retry"));
    h.fake.chatMode = { kind: "judge" };
    h.advance(1_000);
    expect((await h.status(actionId, token)).status).toBe("sent");
  });

  it("fails a refused connection after its attempts, without leaking the address", async () => {
    const port = await closedPort();
    h = await startHarness({
      env: { TWITCH_API_BASE: `http://127.0.0.1:${port}` },
      queue: { retry: { maxAttempts: 2, baseMs: 100, maxMs: 100 } },
    });
    const token = h.token();
    const res = await h.post(token).expect(202);
    await until(() => h.logLines().some((l) => l.event === "chat_retry"));
    h.advance(1_000);
    const final = await h.status(res.body.actionId, token);
    expect(final.status).toBe("failed");
    expect(final.error?.code).toBe("twitch_unavailable");
    expect(final.error?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it("logs each chat send with the broadcaster id, status and duration", async () => {
    h = await startHarness();
    await hype();
    h.fake.chatMode = { kind: "status", status: 404 };
    await hype();
    const sends = h.logLines().filter((l) => l.event === "chat_send");
    expect(sends).toEqual([
      expect.objectContaining({ broadcasterId: CHANNEL_ID, status: 204, durationMs: expect.any(Number) }),
      expect.objectContaining({ broadcasterId: CHANNEL_ID, status: 404, durationMs: expect.any(Number) }),
    ]);
  });
});
