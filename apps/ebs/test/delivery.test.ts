import { type ActionKind, actionStatusPath, apiErrorSchema, buildChatText } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { READ_STATUS_RETENTION_MS } from "../src/delivery/action-store.ts";
import { CHANNEL_ID, type Harness, startHarness, VIEWER_ID } from "./support/harness.ts";
import { until } from "./support/until.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

const anonymous = (n: number, channelId = CHANNEL_ID) =>
  h.token({ kind: "anonymous", userId: String(700_000 + n) }, channelId);

/** Posts one action per token, without waiting for chat; the action ids. */
async function postAll(tokens: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const token of tokens) {
    const res = await h.post(token).expect(202);
    ids.push(res.body.actionId as string);
  }
  return ids;
}

/** Fills a channel's minute: `n` actions sent one by one. */
async function fillWindow(n = 12, channelId = CHANNEL_ID) {
  for (let i = 0; i < n; i++) await h.act(anonymous(10_000 + i, channelId));
}

/** The largest number of chat calls to one channel in any 60 s window of the fake clock. */
function maxCallsPerMinute(channelId = CHANNEL_ID): number {
  const times = h.fake.chatCallTimes.get(channelId) ?? [];
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
}

const noPacing = { limits: { perWindow: 12, windowMs: 60_000, burst: 12 } };

describe("the per-viewer cooldown", () => {
  it("answers 429 cooldown with the seconds left, then accepts once it is over", async () => {
    h = await startHarness({ env: { VIEWER_COOLDOWN_SECONDS: "10" } });
    const token = h.token();
    await h.post(token).expect(202);
    h.advance(3_000);
    const refused = await h.post(h.token());
    expect(refused.status).toBe(429);
    expect(apiErrorSchema.parse(refused.body).error).toMatchObject({
      code: "cooldown",
      retryAfterSeconds: 7,
    });
    expect(refused.headers["retry-after"]).toBe("7");
    h.advance(7_000);
    await h.post(h.token()).expect(202);
  });

  it("keeps viewers and channels apart", async () => {
    h = await startHarness({ env: { VIEWER_COOLDOWN_SECONDS: "10" } });
    await h.post(h.token()).expect(202);
    await h.post(h.token({ kind: "identified", userId: "424243" })).expect(202);
    await h.post(h.token({ kind: "identified", userId: VIEWER_ID }, "2002")).expect(202);
    await h.post(h.token()).expect(429);
  });

  it("is off with VIEWER_COOLDOWN_SECONDS=0", async () => {
    h = await startHarness({ env: { VIEWER_COOLDOWN_SECONDS: "0" } });
    await h.post(h.token()).expect(202);
    await h.post(h.token()).expect(202);
  });
});

describe("the per-channel queue at Twitch's limit", () => {
  it("never sends a 13th message in a minute, and counts every waiting action in the next one", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const ids = await postAll(Array.from({ length: 40 }, (_, i) => anonymous(i)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.chatCalls).toBe(12);
    expect(h.queue.backlog()).toBe(40);

    h.advance(60_000);
    await until(() => h.fake.chatCalls === 13);
    const finals = await Promise.all(ids.map((id, i) => h.status(id, anonymous(i))));
    const texts = new Set(finals.map((f) => f.text));
    expect(finals.every((f) => f.status === "sent")).toBe(true);
    expect([...texts]).toEqual([buildChatText({ actors: Array.from({ length: 40 }, () => ({})) })]);
    expect([...texts][0]).toMatch(/^40 viewers /);
    expect(h.fake.refusals).toEqual([]);
    expect(maxCallsPerMinute()).toBe(12);
  });

  it("coalesces only actions of one kind: a kind that does not coalesce gets a message of its own, in order", async () => {
    // The purchase kind: announced by name with its product's template, one message each, never merged.
    const purchase: ActionKind = "purchase";
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const enqueue = (kind: ActionKind, userId?: string) =>
      h.queue.enqueue({
        kind,
        channelId: CHANNEL_ID,
        opaqueUserId: `U${userId ?? "anon"}`,
        userId,
        template: kind === purchase ? "{viewer} bought the big one!" : undefined,
      });
    const ids = [
      await enqueue("hype", VIEWER_ID),
      await enqueue(purchase, "424243"),
      await enqueue("hype"),
      await enqueue(purchase),
      await enqueue("hype", "424244"),
    ];
    // The minute was full: then one message for the hype, and one for each purchase.
    h.advance(60_000);
    await until(() => h.fake.chatCalls === 15);
    await h.chatSettled();
    const texts = await Promise.all(ids.map(async (id) => (await h.queue.status(id, CHANNEL_ID))?.text));
    expect(texts).toEqual([
      "Ana, Chidi and 1 other sent some hype to the stream! 🎉",
      "Bo bought the big one!",
      "Ana, Chidi and 1 other sent some hype to the stream! 🎉",
      "A viewer bought the big one!",
      "Ana, Chidi and 1 other sent some hype to the stream! 🎉",
    ]);
    expect(h.fake.accepted.slice(-3).map((m) => m.text)).toEqual([
      "Ana, Chidi and 1 other sent some hype to the stream! 🎉",
      "Bo bought the big one!",
      "A viewer bought the big one!",
    ]);
  });

  it("names who it can within 280 characters and counts the rest", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const tokens = [
      h.token({ kind: "identified", userId: VIEWER_ID }),
      h.token({ kind: "identified", userId: "424243" }),
      ...Array.from({ length: 5 }, (_, i) => anonymous(i)),
    ];
    const ids = await postAll(tokens);
    h.advance(60_000);
    const final = await h.status(ids[0] as string, tokens[0] as string);
    expect(final.text).toBe("Ana, Bo and 5 others sent some hype to the stream! 🎉");
    expect(h.fake.userRequests).toBe(1);
  });

  it("looks up the names of a send's actors with one batched Get Users call", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const users = [VIEWER_ID, "424243", "424244"];
    const tokens = users.map((userId) => h.token({ kind: "identified", userId }));
    const ids = await postAll(tokens);
    h.advance(60_000);
    const final = await h.status(ids[2] as string, tokens[2] as string);
    expect(final.text).toBe("Ana, Bo and Chidi sent some hype to the stream! 🎉");
    expect(h.fake.userRequests).toBe(1);
  });

  it("spreads a busy channel's messages: after the burst, one every five seconds", async () => {
    h = await startHarness({ queue: { limits: { perWindow: 12, windowMs: 60_000, burst: 2 } } });
    await fillWindow(2);
    await postAll([anonymous(1)]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.fake.chatCalls).toBe(2);
    h.advance(5_000);
    await until(() => h.fake.chatCalls === 3);
    expect(h.fake.chatCallTimes.get(CHANNEL_ID)?.at(-1)).toBe(h.clock());
  });

  it("keeps channels independent: a full channel does not delay another", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const [waiting] = await postAll([anonymous(1)]);
    const { final } = await h.act(anonymous(2, "2002"));
    expect(final.status).toBe("sent");
    const now = await h.ebs
      .get(`${actionStatusPath(waiting as string)}?wait=0`)
      .set("Authorization", `Bearer ${anonymous(1)}`);
    expect(now.body.status).toBe("queued");
  });

  it("follows Ratelimit-Remaining: 0 and waits until Ratelimit-Reset", async () => {
    h = await startHarness();
    const reset = Math.floor(h.clock() / 1000) + 30;
    h.fake.successHeaders = { "Ratelimit-Remaining": "0", "Ratelimit-Reset": String(reset) };
    await h.act(anonymous(1));
    h.fake.successHeaders = undefined;
    const [id] = await postAll([anonymous(2)]);
    h.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.fake.chatCalls).toBe(1);
    h.advance(1_000);
    expect((await h.status(id as string, anonymous(2))).status).toBe("sent");
  });
});

describe("GET /api/actions/:id", () => {
  it("answers only the viewer who sent the action", async () => {
    h = await startHarness();
    const { queued } = await h.act(h.token());
    const other = await h.ebs
      .get(actionStatusPath(queued.actionId))
      .set("Authorization", `Bearer ${anonymous(1)}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    const none = await h.ebs.get(actionStatusPath(queued.actionId)).send();
    expect(none.status).toBe(401);
  });

  it("holds the answer while the action is queued and answers queued when the long-poll times out", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const token = anonymous(1);
    const [id] = await postAll([token]);
    const timers = h.pendingTimers();
    const pending = h.status(id as string, token);
    // The long-poll's timeout is a timer on the test's clock: move the clock only once it is set.
    await until(() => h.pendingTimers() > timers);
    h.advance(20_000);
    expect((await pending).status).toBe("queued");
    const next = h.status(id as string, token);
    h.advance(40_000);
    expect(await next).toMatchObject({ status: "sent", text: expect.stringMatching(/^A viewer /) });
  });

  it("keeps a status its viewer was answered with a minute more, then answers 404", async () => {
    h = await startHarness();
    const token = anonymous(1);
    const { queued, final } = await h.act(token);
    expect(final.status).toBe("sent");
    h.advance(59_000);
    expect((await h.status(queued.actionId, token)).status).toBe("sent");
    h.advance(READ_STATUS_RETENTION_MS);
    const gone = await h.ebs.get(actionStatusPath(queued.actionId)).set("Authorization", `Bearer ${token}`);
    expect(gone.status).toBe(404);
  });
});

describe("shutdown", () => {
  it("refuses new actions with 503, sends what it can within the bound and reports the rest", async () => {
    h = await startHarness({ queue: noPacing });
    await fillWindow();
    const token = anonymous(1);
    const [id] = await postAll([token]);
    const drained = h.queue.drain(10_000);
    const refused = await h.post(anonymous(2));
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("shutting_down");
    h.advance(10_000);
    expect(await drained).toEqual({ undelivered: 1 });
    const final = await h.status(id as string, token);
    expect(final).toMatchObject({ status: "failed", error: { code: "shutting_down" } });
    expect(h.logLines().some((l) => l.event === "chat_undelivered" && l.reason === "shutting_down")).toBe(
      true,
    );
  });

  it("finishes sending what is queued when the channel has room", async () => {
    h = await startHarness();
    const token = anonymous(1);
    const [id] = await postAll([token]);
    expect(await h.queue.drain(10_000)).toEqual({ undelivered: 0 });
    expect((await h.status(id as string, token)).status).toBe("sent");
  });
});
