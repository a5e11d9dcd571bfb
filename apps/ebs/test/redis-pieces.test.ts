import { redisServerPath } from "@ext/test-kit/redis-server";
import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { AppError } from "../src/app-error.ts";
import { TWITCH_CHAT_LIMITS } from "../src/delivery/rate-gate.ts";
import { createRedisActionStore } from "../src/delivery/redis/action-store.ts";
import { createChannelLists, type QueueItem } from "../src/delivery/redis/channel-lists.ts";
import { createChatBudget } from "../src/delivery/redis/chat-budget.ts";
import { createRedisCooldowns } from "../src/delivery/redis/cooldowns.ts";
import { createRedisDeliveryQueue } from "../src/delivery/redis/delivery-queue.ts";
import { redisKeys } from "../src/delivery/redis/keys.ts";
import { createChannelLease } from "../src/delivery/redis/lease.ts";
import { systemScheduler } from "../src/delivery/scheduler.ts";
import { createLogger } from "../src/logger.ts";
import { useRedisServer } from "./support/redis-server.ts";

/** Each piece of the Redis mode against a real redis-server, as two instances (two connections) see it. */
let prefixSeq = 0;

const { connect } = useRedisServer();

/** Two "instances" sharing the same keys (a fresh prefix per test). */
function twoInstances() {
  prefixSeq++;
  const keys = redisKeys(`test${prefixSeq}:`);
  return { keys, a: connect(), b: connect() };
}

describe("Redis cooldowns (rate-limiter-flexible)", () => {
  it("a viewer's cooldown taken on one instance holds on the other", async () => {
    const { keys, a, b } = twoInstances();
    const onA = createRedisCooldowns({ redis: a, keys, seconds: 30 });
    const onB = createRedisCooldowns({ redis: b, keys, seconds: 30 });
    expect(await onA.take("chan:viewer1")).toEqual({ ok: true });
    const again = await onB.take("chan:viewer1");
    expect(again).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(again.ok === false && again.retryAfterSeconds).toBeGreaterThan(25);
    expect(await onB.take("chan:viewer2")).toEqual({ ok: true });
  });

  it("lets the viewer act again once the cooldown is over", async () => {
    const { keys, a, b } = twoInstances();
    const onA = createRedisCooldowns({ redis: a, keys, seconds: 1 });
    const onB = createRedisCooldowns({ redis: b, keys, seconds: 1 });
    expect(await onA.take("c:v")).toEqual({ ok: true });
    expect((await onB.take("c:v")).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await onB.take("c:v")).toEqual({ ok: true });
  });

  it("is off at 0 seconds", async () => {
    const { keys, a } = twoInstances();
    const off = createRedisCooldowns({ redis: a, keys, seconds: 0 });
    expect(await off.take("c:v")).toEqual({ ok: true });
    expect(await off.take("c:v")).toEqual({ ok: true });
  });
});

describe("the shared chat budget", () => {
  it("two instances taking turns get 12 slots in any 61 s, 6 back to back then spaced, on a manual clock", async () => {
    const { keys, a, b } = twoInstances();
    const budgets = [
      createChatBudget({ redis: a, keys, limits: TWITCH_CHAT_LIMITS }),
      createChatBudget({ redis: b, keys, limits: TWITCH_CHAT_LIMITS }),
    ];
    const start = 1_700_000_000_000;
    let now = start;
    const sends: number[] = [];
    for (let turn = 0; now < start + 180_000; turn++) {
      const wait = await (budgets[turn % 2] as (typeof budgets)[0]).take("ch", now);
      if (wait === 0) sends.push(now);
      else now += wait;
    }
    // Back to back for the burst of 6, then one every 61/12 s.
    expect(sends.slice(0, 6)).toEqual(Array(6).fill(start));
    expect((sends[6] as number) - start).toBeGreaterThanOrEqual(Math.ceil(61_000 / 12) - 1);
    for (let i = 0; i < sends.length; i++) {
      const inWindow = sends.filter((t) => t >= (sends[i] as number) && t < (sends[i] as number) + 61_000);
      expect(inWindow.length).toBeLessThanOrEqual(12);
    }
    expect(sends.filter((t) => t < start + 61_000)).toHaveLength(12);
    expect(await budgets[0]?.sentInWindow("ch", now)).toBeLessThanOrEqual(12);
  });

  it("a block set by one instance (a 429's reset) stops the other until it ends", async () => {
    const { keys, a, b } = twoInstances();
    const onA = createChatBudget({ redis: a, keys, limits: TWITCH_CHAT_LIMITS });
    const onB = createChatBudget({ redis: b, keys, limits: TWITCH_CHAT_LIMITS });
    const now = 1_700_000_000_000;
    await onA.blockUntil("ch", now + 7000, now);
    expect(await onB.take("ch", now)).toBe(7000);
    await onA.follow("ch", { remaining: 0, resetAtSeconds: (now + 9000) / 1000 }, now);
    expect(await onB.take("ch", now + 7000)).toBe(2000);
    expect(await onB.take("ch", now + 9000)).toBe(0);
    expect(await onA.take("other", now)).toBe(0);
  });
});

describe("action statuses in Redis", () => {
  it("an action queued on one instance is readable on the other, and its long-poll there wakes when it is sent", async () => {
    const { keys, a, b } = twoInstances();
    const storeA = await createRedisActionStore({
      redis: a,
      subscriber: connect(),
      keys,
      clock: Date.now,
      scheduler: systemScheduler,
    });
    const storeB = await createRedisActionStore({
      redis: b,
      subscriber: connect(),
      keys,
      clock: Date.now,
      scheduler: systemScheduler,
    });
    const lists = createChannelLists({ redis: a, keys });
    await lists.push(
      "ch",
      { id: "act-1", kind: "hype", failures: 0 },
      storeA.fieldsOf({ id: "act-1", channelId: "ch", opaqueUserId: "U1" }),
      60_000,
    );
    expect(await storeB.get("ch", "act-1")).toEqual({
      id: "act-1",
      channelId: "ch",
      opaqueUserId: "U1",
      status: "queued",
    });
    expect(await storeB.get("ch", "unknown")).toBeUndefined();

    const started = Date.now();
    const waiting = storeB.waitForChange("ch", "act-1", 10_000);
    await new Promise((r) => setTimeout(r, 100));
    await storeA.finish("ch", ["act-1"], { status: "sent", text: "Ana used Hype" });
    const record = await waiting;
    expect(record).toMatchObject({ status: "sent", text: "Ana used Hype" });
    expect(Date.now() - started).toBeLessThan(2000);

    // A finished action keeps its outcome: a late failure does not overwrite it.
    await storeB.finish("ch", ["act-1"], { status: "failed", error: { code: "internal", message: "late" } });
    expect(await storeA.get("ch", "act-1")).toMatchObject({ status: "sent", text: "Ana used Hype" });
    expect(await a.pttl(keys.action("ch", "act-1"))).toBeGreaterThan(9 * 60 * 1000);
    await storeA.close();
    await storeB.close();
  });

  it("marks a sent batch and forgets it in one step, only for the lease's holder", async () => {
    const { keys, a } = twoInstances();
    const store = await createRedisActionStore({
      redis: a,
      subscriber: connect(),
      keys,
      clock: Date.now,
      scheduler: systemScheduler,
    });
    const lists = createChannelLists({ redis: a, keys });
    await createChannelLease({ redis: a, keys, owner: "me", ttlMs: 5000 }).acquire("ch");
    for (const id of ["p1", "p2"]) {
      await lists.push(
        "ch",
        { id, kind: "hype", failures: 0 },
        store.fieldsOf({ id, channelId: "ch", opaqueUserId: "U" }),
        60_000,
      );
    }
    expect(await lists.claim("ch", "me", { max: 10, coalescing: ["hype"] })).toHaveLength(2);
    await store.finish("ch", ["p1", "p2"], { status: "sent", text: "Two" }, "someone-else");
    expect(await a.llen(keys.processing("ch"))).toBe(2);
    await store.finish("ch", ["p1", "p2"], { status: "sent", text: "Two" }, "me");
    expect(await a.llen(keys.processing("ch"))).toBe(0);
    expect(await store.get("ch", "p2")).toMatchObject({ status: "sent", text: "Two" });
    await store.close();
  });

  it("a long-poll on a queued action answers queued after its timeout", async () => {
    const { keys, a } = twoInstances();
    const store = await createRedisActionStore({
      redis: a,
      subscriber: connect(),
      keys,
      clock: Date.now,
      scheduler: systemScheduler,
    });
    await createChannelLists({ redis: a, keys }).push(
      "ch",
      { id: "slow", kind: "hype", failures: 0 },
      store.fieldsOf({ id: "slow", channelId: "ch", opaqueUserId: "U" }),
      60_000,
    );
    expect(await store.waitForChange("ch", "slow", 150)).toMatchObject({ status: "queued" });
    await store.close();
  });
});

describe("the sender lease and its hand-back", () => {
  const item = (id: string, kind = "hype"): QueueItem => ({
    id,
    kind: kind as QueueItem["kind"],
    failures: 0,
  });
  const hypeOnly = (max: number) => ({ max, coalescing: ["hype"] });

  it("one instance holds a channel; when it dies mid-send, the next holder gets its batch back first", async () => {
    const { keys, a, b } = twoInstances();
    const leaseA = createChannelLease({ redis: a, keys, owner: "host:1:aa", ttlMs: 300 });
    const leaseB = createChannelLease({ redis: b, keys, owner: "host:2:bb", ttlMs: 300 });
    const listsA = createChannelLists({ redis: a, keys });
    const listsB = createChannelLists({ redis: b, keys });
    for (const id of ["x1", "x2", "x3"])
      await listsA.push("ch", item(id), { status: "queued", channelId: "ch", opaqueUserId: "U" }, 60_000);

    expect(await leaseA.acquire("ch")).toBe(0);
    expect(await leaseB.acquire("ch")).toBe(-1);
    expect((await listsA.claim("ch", "host:1:aa", hypeOnly(100))).map((i) => i.id)).toEqual([
      "x1",
      "x2",
      "x3",
    ]);
    await listsB.push("ch", item("x4"), { status: "queued", channelId: "ch", opaqueUserId: "U" }, 60_000);
    // B cannot take what A is sending, nor the channel.
    expect(await listsB.claim("ch", "host:2:bb", hypeOnly(100))).toEqual([]);
    expect(await leaseA.renew("ch")).toBe(true);

    // A stops renewing (killed): after the lease's time B takes it over, with A's batch first.
    await new Promise((r) => setTimeout(r, 400));
    expect(await leaseB.acquire("ch")).toBe(3);
    expect((await listsB.claim("ch", "host:2:bb", hypeOnly(100))).map((i) => i.id)).toEqual([
      "x1",
      "x2",
      "x3",
      "x4",
    ]);
    // A, back from a pause, can neither renew nor settle nor requeue B's batch.
    expect(await leaseA.renew("ch")).toBe(false);
    await listsA.settle("ch", "host:1:aa");
    await listsA.requeue("ch", "host:1:aa", [item("x1")]);
    expect(await b.llen(keys.processing("ch"))).toBe(4);
    expect(await b.llen(keys.queue("ch"))).toBe(0);
    expect(await leaseA.release("ch")).toBe(-1);
    expect(await b.get(keys.lease("ch"))).toBe("host:2:bb");
  });

  it("a requeued batch goes back to the head of the queue in order; releasing an idle channel clears it", async () => {
    const { keys, a } = twoInstances();
    const lease = createChannelLease({ redis: a, keys, owner: "me", ttlMs: 5000 });
    const lists = createChannelLists({ redis: a, keys });
    for (const id of ["y1", "y2", "y3"])
      await lists.push("ch", item(id), { status: "queued", channelId: "ch", opaqueUserId: "U" }, 60_000);
    expect(await lease.acquire("ch")).toBe(0);
    const batch = await lists.claim("ch", "me", hypeOnly(2));
    expect(batch.map((i) => i.id)).toEqual(["y1", "y2"]);
    await lists.requeue(
      "ch",
      "me",
      batch.map((i) => ({ ...i, failures: 1 })),
    );
    const again = await lists.claim("ch", "me", hypeOnly(10));
    expect(again.map((i) => [i.id, i.failures])).toEqual([
      ["y1", 1],
      ["y2", 1],
      ["y3", 0],
    ]);
    await lists.settle("ch", "me");
    expect(await lists.busyChannels()).toEqual(["ch"]);
    expect(await lease.release("ch")).toBe(0);
    expect(await lists.busyChannels()).toEqual([]);
    expect(await a.exists(keys.lease("ch"), keys.processing("ch"), keys.queue("ch"))).toBe(0);
  });

  it("takes every pending action of the oldest one's kind into a batch, and an action of a kind that does not coalesce alone", async () => {
    const { keys, a } = twoInstances();
    await createChannelLease({ redis: a, keys, owner: "me", ttlMs: 5000 }).acquire("ch");
    const lists = createChannelLists({ redis: a, keys });
    const queued = { status: "queued", channelId: "ch", opaqueUserId: "U" };
    for (const [id, kind] of [
      ["h1", "hype"],
      ["s1", "solo"],
      ["h2", "hype"],
      ["s2", "solo"],
      ["h3", "hype"],
    ])
      await lists.push("ch", item(id as string, kind), queued, 60_000);
    // An item queued before kinds existed has none: it is hype.
    await a.rpush(keys.queue("ch"), JSON.stringify({ id: "old", failures: 0 }));
    const next = async () => {
      const batch = await lists.claim("ch", "me", hypeOnly(100));
      await lists.settle("ch", "me");
      return batch.map((i) => `${i.id}:${i.kind}`);
    };
    expect(await next()).toEqual(["h1:hype", "h2:hype", "h3:hype", "old:hype"]);
    expect(await next()).toEqual(["s1:solo"]);
    expect(await next()).toEqual(["s2:solo"]);
    expect(await next()).toEqual([]);
  });

  it("releasing a channel with a batch still in processing (shutdown mid-send) queues the batch again", async () => {
    const { keys, a, b } = twoInstances();
    const leaseA = createChannelLease({ redis: a, keys, owner: "A", ttlMs: 5000 });
    const lists = createChannelLists({ redis: a, keys });
    await lists.push("ch", item("z1"), { status: "queued", channelId: "ch", opaqueUserId: "U" }, 60_000);
    await leaseA.acquire("ch");
    expect(await lists.claim("ch", "A", hypeOnly(10))).toHaveLength(1);
    expect(await leaseA.release("ch")).toBe(1);
    const leaseB = createChannelLease({ redis: b, keys, owner: "B", ttlMs: 5000 });
    expect(await leaseB.acquire("ch")).toBe(0);
    expect(
      (await createChannelLists({ redis: b, keys }).claim("ch", "B", hypeOnly(10))).map((i) => i.id),
    ).toEqual(["z1"]);
  });
});

describe("a channel stays busy while anything of it is queued or in processing (no action stranded)", () => {
  const queued = { status: "queued", channelId: "ch", opaqueUserId: "U" };
  const item = (id: string): QueueItem => ({ id, kind: "hype", failures: 0 });
  const hypeOnly = { max: 100, coalescing: ["hype"] };

  /** `redis`'s `method` first runs `step` (the other instance's moves), once: a deterministic interleaving. */
  function interleave(redis: Redis, method: "srem" | "multi", step: () => Promise<void>) {
    const original = redis[method].bind(redis) as (...args: unknown[]) => unknown;
    let pending: Promise<void> | undefined;
    if (method === "srem") {
      (redis as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        pending ??= step();
        await pending;
        return original(...args);
      };
    } else {
      // multi() is synchronous (it returns the transaction): the step runs before its exec.
      (redis as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const tx = original(...args) as { exec: () => Promise<unknown> };
        const exec = tx.exec.bind(tx);
        tx.exec = async () => {
          pending ??= step();
          await pending;
          return exec();
        };
        return tx;
      };
    }
  }

  /** After B's lease expired, a survivor polling the busy channels takes the channel and gets B's batch. */
  async function survivorFinds(keys: ReturnType<typeof redisKeys>, expected: string[]) {
    await new Promise((r) => setTimeout(r, 400));
    const c = connect();
    const lists = createChannelLists({ redis: c, keys });
    expect(await lists.busyChannels()).toEqual(["ch"]);
    expect(await createChannelLease({ redis: c, keys, owner: "C", ttlMs: 5000 }).acquire("ch")).toBe(
      expected.length,
    );
    expect((await lists.claim("ch", "C", hypeOnly)).map((i) => i.id)).toEqual(expected);
  }

  it("when another instance takes the lease and claims between a release's lease drop and its SREM, then dies", async () => {
    const { keys, a, b } = twoInstances();
    const leaseA = createChannelLease({ redis: a, keys, owner: "A", ttlMs: 300 });
    const listsA = createChannelLists({ redis: a, keys });
    const listsB = createChannelLists({ redis: b, keys });
    const leaseB = createChannelLease({ redis: b, keys, owner: "B", ttlMs: 300 });
    await listsA.push("ch", item("s1"), queued, 60_000);
    expect(await leaseA.acquire("ch")).toBe(0);
    expect(await listsA.claim("ch", "A", hypeOnly)).toHaveLength(1);
    await listsA.settle("ch", "A");
    // A releases its emptied channel; before its SREM, B accepts an action, takes the free lease, claims it
    // and is killed mid-send (it never touches Redis again).
    interleave(a, "srem", async () => {
      await listsB.push("ch", item("t1"), queued, 60_000);
      expect(await leaseB.acquire("ch")).toBe(0);
      expect((await listsB.claim("ch", "B", hypeOnly)).map((i) => i.id)).toEqual(["t1"]);
    });
    expect(await leaseA.release("ch")).toBe(0);
    await survivorFinds(keys, ["t1"]);
  });

  it("when an action's push lands between a release's SREM and its look at the queue, and its sender dies", async () => {
    const { keys, a, b } = twoInstances();
    const leaseA = createChannelLease({ redis: a, keys, owner: "A", ttlMs: 300 });
    const listsB = createChannelLists({ redis: b, keys });
    const leaseB = createChannelLease({ redis: b, keys, owner: "B", ttlMs: 300 });
    expect(await leaseA.acquire("ch")).toBe(0);
    // B marks the channel busy for its action; before its push, A releases the (empty) channel completely.
    interleave(b, "multi", async () => {
      expect(await leaseA.release("ch")).toBe(0);
    });
    await listsB.push("ch", item("u1"), queued, 60_000);
    // B answered 202, took the lease, claimed the action and was killed mid-send.
    expect(await leaseB.acquire("ch")).toBe(0);
    expect(await listsB.claim("ch", "B", hypeOnly)).toHaveLength(1);
    await survivorFinds(keys, ["u1"]);
  });
});

/**
 * A sender ("V", lease 300 ms) whose chat calls fail with `refusal`, killed the moment its first write after
 * the failure is in Redis (its connection closes), and a survivor's connection to look at what it left.
 */
async function senderKilledAfterItsFirstFinish(input: {
  refusal: () => Error;
  retry?: { maxAttempts: number; baseMs: number; maxMs: number };
}) {
  prefixSeq++;
  const keys = redisKeys(`test${prefixSeq}:`);
  const victim = connect();
  const store = await createRedisActionStore({
    redis: victim,
    subscriber: connect(),
    keys,
    clock: Date.now,
    scheduler: systemScheduler,
  });
  const finish = store.finish;
  store.finish = async (...args) => {
    await finish(...args);
    victim.disconnect();
  };
  const lists = createChannelLists({ redis: victim, keys });
  const queue = createRedisDeliveryQueue({
    instanceId: "V",
    lists,
    lease: createChannelLease({ redis: victim, keys, owner: "V", ttlMs: 300 }),
    leaseTtlMs: 300,
    budget: createChatBudget({ redis: victim, keys, limits: TWITCH_CHAT_LIMITS }),
    store,
    chat: {
      send: async () => {
        throw input.refusal();
      },
    },
    users: {
      displayName: async () => undefined,
      displayNames: async (ids) => new Map(ids.map((id) => [id, undefined])),
    },
    clock: Date.now,
    scheduler: systemScheduler,
    logger: createLogger({ level: "silent" }),
    ...(input.retry ? { retry: input.retry } : {}),
  });
  const survivor = connect();
  const status = async (id: string) => survivor.hget(keys.action("ch", id), "status");
  return { keys, store, lists, queue, survivor, status };
}

describe("a batch Twitch refused, when its sender dies right after marking it failed", () => {
  it("is forgotten in the same step, so no survivor posts actions whose status says failed", async () => {
    const { keys, queue, survivor, status } = await senderKilledAfterItsFirstFinish({
      refusal: () => new Error("Twitch refused the message"),
    });
    const id = await queue.enqueue({ channelId: "ch", kind: "hype", opaqueUserId: "U" });

    for (let i = 0; i < 100 && (await status(id)) === "queued"; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await status(id)).toBe("failed");
    // Once the victim's lease expired, the survivor that takes the channel gets nothing to post.
    await new Promise((r) => setTimeout(r, 400));
    expect(await createChannelLease({ redis: survivor, keys, owner: "S", ttlMs: 5000 }).acquire("ch")).toBe(
      0,
    );
    expect(await survivor.llen(keys.queue("ch"))).toBe(0);
    expect(await survivor.llen(keys.processing("ch"))).toBe(0);
  });
});

describe("a batch partly given up and partly retried, when its sender dies right after its first write", () => {
  it("has marked the given-up actions failed, forgotten the batch and queued the rest again in that one step", async () => {
    const { keys, store, lists, queue, survivor, status } = await senderKilledAfterItsFirstFinish({
      refusal: () =>
        new AppError({ code: "twitch_unavailable", status: 503, message: "Twitch answered 503" }),
      retry: { maxAttempts: 3, baseMs: 10, maxMs: 10 },
    });
    const queued = (id: string) => store.fieldsOf({ id, channelId: "ch", opaqueUserId: "U" });
    // "last" has used all but one of its attempts: this failure is its last; "next" is on its first.
    await lists.push("ch", { id: "last", kind: "hype", failures: 2 }, queued("last"), 60_000);
    await lists.push("ch", { id: "next", kind: "hype", failures: 0 }, queued("next"), 60_000);
    queue.start();

    for (let i = 0; i < 100 && (await status("last")) === "queued"; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await status("last")).toBe("failed");
    // Nothing of the batch is left in processing for a survivor to post; the retried action waits in the queue.
    expect(await survivor.llen(keys.processing("ch"))).toBe(0);
    expect((await survivor.lrange(keys.queue("ch"), 0, -1)).map((raw) => JSON.parse(raw))).toEqual([
      { id: "next", kind: "hype", failures: 1 },
    ]);
    expect(await status("next")).toBe("queued");
    await queue.drain(100);
  });
});

describe("the test Redis", () => {
  it("fails with how to install redis-server when it is missing and the tests are not root, instead of skipping", async () => {
    const hidden = redisServerPath({
      pathDirs: [],
      candidates: ["/nonexistent/redis-server"],
      isRoot: false,
    });
    await expect(hidden).rejects.toThrow(
      "redis-server is not installed, and the Redis-mode tests and benches start one. Install it: `sudo apt-get install redis-server` (Debian/Ubuntu); macOS: `brew install redis`.",
    );
  });
});
