import { randomUUID } from "node:crypto";
import { redisServerPath, startRedis, startRedisCluster, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BitsAnnouncerWithSweep, createBitsAnnouncer } from "../src/bits/bits-announcer.ts";
import type { DeliveryQueue } from "../src/delivery/delivery-queue.ts";
import { TWITCH_CHAT_LIMITS } from "../src/delivery/rate-gate.ts";
import { createRedisActionStore, type RedisActionStore } from "../src/delivery/redis/action-store.ts";
import { createChannelLists } from "../src/delivery/redis/channel-lists.ts";
import { createChatBudget } from "../src/delivery/redis/chat-budget.ts";
import { closeRedis, connectRedis, type RedisClient } from "../src/delivery/redis/connection.ts";
import { createRedisDeliveryQueue } from "../src/delivery/redis/delivery-queue.ts";
import { type RedisKeys, redisKeys } from "../src/delivery/redis/keys.ts";
import { createChannelLease } from "../src/delivery/redis/lease.ts";
import { systemScheduler } from "../src/delivery/scheduler.ts";
import { createLogger } from "../src/logger.ts";
import type { BitsLedger, BitsLedgerEntry, PendingAnnouncements } from "../src/store/bits-ledger.ts";
import { createRedisBitsLedger } from "../src/store/redis/bits-ledger.ts";

/**
 * The window between the ledger's claim and the queue's push, in Redis mode: instances (each its own
 * connections, queue, ledger and announcer) on one real Redis and on a three-node Redis Cluster, one chat
 * they all post to. A process killed between its claim and its push is played by writing what it had
 * written (the pending record, the claim) and nothing more.
 */
const BUYER = "424242";
const EXPECTED = "Ana cheered 500 Bits: Mega Hype! 🎉";
const logger = createLogger({ level: "silent" });

beforeAll(async () => {
  await redisServerPath();
}, SYSTEM_PACKAGE_TIMEOUT_MS);

interface Instance {
  name: string;
  redis: RedisClient;
  queue: DeliveryQueue & { start(): void };
  ledger: BitsLedger & { pending: PendingAnnouncements };
  announcer: BitsAnnouncerWithSweep;
  /** What this instance's `enqueueOnce` answered: `true` for each action it pushed. */
  pushes: boolean[];
}

describe.each([
  ["one Redis", startRedis],
  ["a Redis Cluster", startRedisCluster],
])("Bits claims never queued, on %s", (_name, start) => {
  let server: TestRedis | undefined;
  const chat: { broadcasterId: string; text: string }[] = [];
  const stores: RedisActionStore[] = [];
  const instances: Instance[] = [];
  const connections: RedisClient[] = [];
  let seq = 0;

  beforeAll(async () => {
    server = await start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.queue.drain(1000)));
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(connections.map((c) => closeRedis(c)));
    await server?.stop();
  }, 30_000);

  function connect(name: string): RedisClient {
    const redis = connectRedis(server?.url as string, { name, cluster: server?.cluster ?? false });
    connections.push(redis);
    return redis;
  }

  /**
   * One EBS instance's Redis mode and announcer; `hold` (when given) runs before each push (waits, or throws
   * as a failed push), `holdClaim` before each claim.
   */
  async function instance(
    name: string,
    keys: RedisKeys,
    options: {
      pendingGraceMs?: number;
      hold?: () => Promise<void>;
      holdClaim?: () => Promise<void>;
      chatEnabled?: (channelId: string) => Promise<boolean>;
    } = {},
  ): Promise<Instance> {
    const redis = connect(name);
    const store = await createRedisActionStore({
      redis,
      subscriber: connect(`${name}-subscriber`),
      keys,
      clock: Date.now,
      scheduler: systemScheduler,
    });
    stores.push(store);
    const queue = createRedisDeliveryQueue({
      instanceId: name,
      lists: createChannelLists({ redis, keys }),
      lease: createChannelLease({ redis, keys, owner: name, ttlMs: 5000 }),
      leaseTtlMs: 5000,
      budget: createChatBudget({ redis, keys, limits: TWITCH_CHAT_LIMITS }),
      store,
      chat: {
        send: async (message) => {
          chat.push(message);
          return {};
        },
      },
      users: {
        displayName: async () => "Ana",
        displayNames: async (ids) => new Map(ids.map((id) => [id, "Ana"])),
      },
      clock: Date.now,
      scheduler: systemScheduler,
      logger,
      pollMs: 200,
    });
    queue.start();
    const pushes: boolean[] = [];
    const enqueueOnce = queue.enqueueOnce;
    queue.enqueueOnce = async (action, key) => {
      await options.hold?.();
      const answer = await enqueueOnce(action, key);
      pushes.push(answer.queued);
      return answer;
    };
    const ledger = createRedisBitsLedger({ redis, keys }) as Instance["ledger"];
    const claim = ledger.claim;
    ledger.claim = async (entry) => {
      await options.holdClaim?.();
      return claim(entry);
    };
    const announcer = createBitsAnnouncer({
      ledger,
      queue,
      clock: Date.now,
      logger,
      ...(options.pendingGraceMs !== undefined ? { pendingGraceMs: options.pendingGraceMs } : {}),
      ...(options.chatEnabled ? { chatEnabled: options.chatEnabled } : {}),
    });
    const made = { name, redis, queue, ledger, announcer, pushes };
    instances.push(made);
    return made;
  }

  function purchase(channelId: string): BitsLedgerEntry {
    return {
      transactionId: `tx-${randomUUID()}`,
      channelId,
      userId: BUYER,
      sku: "mega-hype",
      bits: 500,
      actionId: randomUUID(),
      source: "receipt",
      claimedAt: new Date().toISOString(),
    };
  }

  /** What a process killed between its claim and its push left: the pending record, the claim, no push. */
  async function claimedThenKilled(dead: Instance, entry: BitsLedgerEntry, agoMs: number) {
    await dead.ledger.pending.add({
      transactionId: entry.transactionId,
      actionId: entry.actionId,
      at: Date.now() - agoMs,
    });
    expect(await dead.ledger.claim(entry)).toEqual({ claimed: true });
  }

  /** Each channel's chat once every one of them shows a message. */
  async function chatsOf(channels: readonly string[]): Promise<string[][]> {
    const of = (channelId: string) => chat.filter((m) => m.broadcasterId === channelId).map((m) => m.text);
    const deadline = Date.now() + 10_000;
    while (channels.some((c) => of(c).length === 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // Anything queued twice would be sent right behind the first: give it the time to show.
    await new Promise((r) => setTimeout(r, 300));
    return channels.map(of);
  }

  it("queues a claim whose process died before its push, from another instance's sweep, exactly once", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    const [dead, b, c] = [await instance("dead", keys), await instance("b", keys), await instance("c", keys)];
    const channelId = "7001";
    const entry = purchase(channelId);
    await claimedThenKilled(dead, entry, 60_000);
    // A report of the same purchase now (the receipt's retry) finds it claimed and queues nothing.
    const report = {
      transactionId: entry.transactionId,
      channelId,
      userId: BUYER,
      sku: "mega-hype",
      product: { displayName: "Mega Hype", bits: 500 },
      source: "eventsub" as const,
    };
    expect(await b.announcer.announce(report)).toEqual({ status: "known", entry });

    // Two instances sweep at once, twice each.
    const sweeps = await Promise.all([
      b.announcer.sweepPending({ limit: 10 }),
      c.announcer.sweepPending({ limit: 10 }),
    ]);
    expect(sweeps.reduce((n, s) => n + s.queued, 0)).toBe(1);
    expect(await b.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 0 });
    expect(await c.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 0 });
    expect(await dead.ledger.pending.olderThan(Date.now(), 10)).toEqual([]);

    expect(await chatsOf([channelId])).toEqual([[EXPECTED]]);
    // Under the action id of the claim: the buyer's long-poll and the ledger follow the right action.
    expect(await b.queue.status(entry.actionId, channelId)).toMatchObject({ status: "sent", text: EXPECTED });
    const deadline = Date.now() + 5000;
    while (!(await b.ledger.get(entry.transactionId))?.announced && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await b.ledger.get(entry.transactionId))?.announced?.text).toBe(EXPECTED);
  }, 30_000);

  it("settles a killed process's claim without a message when the broadcaster has chat messages off", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    const chatOff = "7003";
    const dead = await instance("dead", keys);
    let chatOn = false;
    const b = await instance("b", keys, {
      chatEnabled: async (channelId) => channelId !== chatOff || chatOn,
    });
    const entry = purchase(chatOff);
    await claimedThenKilled(dead, entry, 60_000);

    expect(await b.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 1 });
    expect(b.pushes).toEqual([]);
    expect((await b.ledger.get(entry.transactionId))?.announced?.text).toBe("");
    expect(await dead.ledger.pending.olderThan(Date.now(), 10)).toEqual([]);
    // Recorded: a later sweep of a record left for it (a report that died again) does not post it, even
    // once the broadcaster has turned chat messages back on: the purchase is settled.
    chatOn = true;
    await dead.ledger.pending.add({ ...entry, at: Date.now() - 60_000 });
    expect(await b.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 1 });
    expect(b.pushes).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(chat.filter((m) => m.broadcasterId === chatOff)).toEqual([]);
  });

  it("leaves a fresh claim to its own report, and drops records of reports that died unclaimed or lost", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    const [a, b] = [await instance("a", keys), await instance("b", keys)];
    const channelId = "7002";
    const fresh = purchase(channelId);
    await claimedThenKilled(a, fresh, 0);
    const unclaimed = purchase(channelId);
    await a.ledger.pending.add({ ...unclaimed, at: Date.now() - 60_000 });
    const lost = { ...purchase(channelId), transactionId: fresh.transactionId };
    await a.ledger.pending.add({ ...lost, at: Date.now() - 60_000 });

    // Within the grace period the claim may still be on its way to the queue: only the other two go.
    expect(await b.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 2 });
    expect(await a.ledger.pending.olderThan(Date.now(), 10)).toEqual([
      { transactionId: fresh.transactionId, actionId: fresh.actionId, at: expect.any(Number) },
    ]);
    expect(b.pushes).toEqual([]);
    expect(chat.filter((m) => m.broadcasterId === channelId)).toEqual([]);
  });

  it("pushes once when two sweepers and the original announcer race on the same claims", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    // The announcer's push waits until the test lets it go; the sweepers look at records of any age.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const original = await instance("original", keys, { hold: () => held });
    const [b, c] = [
      await instance("b", keys, { pendingGraceMs: 0 }),
      await instance("c", keys, { pendingGraceMs: 0 }),
    ];
    const count = 12;
    const channels = Array.from({ length: count }, (_, i) => String(7100 + i));
    const announcing = channels.map((channelId) =>
      original.announcer.announce({
        transactionId: `tx-${randomUUID()}`,
        channelId,
        userId: BUYER,
        sku: "mega-hype",
        product: { displayName: "Mega Hype", bits: 500 },
        source: "receipt",
      }),
    );
    // Every claim is written and waits at its push.
    const deadline = Date.now() + 5000;
    while ((await original.ledger.pending.olderThan(Date.now(), 100)).length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50));
    const sweeping = Promise.all([
      b.announcer.sweepPending({ limit: 100 }),
      c.announcer.sweepPending({ limit: 100 }),
      b.announcer.sweepPending({ limit: 100 }),
    ]);
    setTimeout(release, 5);
    await sweeping;
    const answers = await Promise.all(announcing);
    expect(answers.map((a) => a.status)).toEqual(Array(count).fill("queued"));

    const pushed = [...original.pushes, ...b.pushes, ...c.pushes].filter(Boolean).length;
    console.log(
      `${_name}: ${count} claims raced by their announcer and two sweepers: ${pushed} pushed (announcer ${original.pushes.filter(Boolean).length}, sweepers ${b.pushes.filter(Boolean).length + c.pushes.filter(Boolean).length})`,
    );
    expect(pushed).toBe(count);
    expect(await chatsOf(channels)).toEqual(channels.map(() => [EXPECTED]));
    for (const [i, channelId] of channels.entries()) {
      const entry = answers[i]?.entry as BitsLedgerEntry;
      expect(await b.queue.status(entry.actionId, channelId)).toMatchObject({ status: "sent" });
    }
    expect(await b.ledger.pending.olderThan(Date.now(), 100)).toEqual([]);
  }, 30_000);

  it("keeps the claim of a push that failed, for a sweep to queue under the same action id", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    let failures = 0;
    const flaky = await instance("flaky", keys, {
      hold: async () => {
        if (failures++ === 0) throw new Error("Redis did not answer");
      },
    });
    const sweeper = await instance("sweeper", keys, { pendingGraceMs: 0 });
    const channelId = "7201";
    const report = {
      transactionId: `tx-${randomUUID()}`,
      channelId,
      userId: BUYER,
      sku: "mega-hype",
      product: { displayName: "Mega Hype", bits: 500 },
      source: "receipt" as const,
    };
    await expect(flaky.announcer.announce(report)).rejects.toThrow("Redis did not answer");
    const claimed = await flaky.ledger.get(report.transactionId);
    expect(claimed).toBeDefined();
    expect(await sweeper.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 1, handled: 1 });
    // The panel's retry finds the claim, and follows the action the sweep queued.
    expect(await flaky.announcer.announce(report)).toMatchObject({
      status: "known",
      entry: { actionId: claimed?.actionId },
    });
    expect(await chatsOf([channelId])).toEqual([[EXPECTED]]);
    expect(await sweeper.queue.status(claimed?.actionId as string, channelId)).toMatchObject({
      status: "sent",
    });
  }, 30_000);

  it("records again a claim slower than half the grace, so a sweep that dropped it as dead cannot lose it", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    const graceMs = 300;
    let letClaim = () => {};
    const claimGate = new Promise<void>((resolve) => {
      letClaim = resolve;
    });
    // Its claim waits for the test; its push never comes (the process dies right after the claim).
    const slow = await instance("slow", keys, {
      pendingGraceMs: graceMs,
      holdClaim: () => claimGate,
      hold: () => new Promise<void>(() => {}),
    });
    const sweeper = await instance("sweeper", keys, { pendingGraceMs: graceMs });
    const channelId = "7202";
    void slow.announcer.announce({
      transactionId: `tx-${randomUUID()}`,
      channelId,
      userId: BUYER,
      sku: "mega-hype",
      product: { displayName: "Mega Hype", bits: 500 },
      source: "receipt",
    });
    const recorded = async () => (await slow.ledger.pending.olderThan(Date.now(), 10)).length;
    const waitFor = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 5000;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(async () => (await recorded()) === 1);
    await new Promise((r) => setTimeout(r, graceMs + 50));
    // Not claimed yet after the grace: the sweep takes it for a report that died before its claim.
    expect(await sweeper.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 0, handled: 1 });
    expect(await recorded()).toBe(0);
    letClaim();
    await waitFor(async () => (await recorded()) === 1);
    expect(await recorded()).toBe(1);
    await new Promise((r) => setTimeout(r, graceMs + 50));
    expect(await sweeper.announcer.sweepPending({ limit: 10 })).toEqual({ queued: 1, handled: 1 });
    expect(await chatsOf([channelId])).toEqual([[EXPECTED]]);
  }, 30_000);

  it("drops a record only if its report did not record it again since it was read", async () => {
    const keys = redisKeys(`pending${++seq}:`);
    const { ledger } = await instance("a", keys);
    const record = { transactionId: "tx-again", actionId: randomUUID(), at: 1000 };
    await ledger.pending.add(record);
    await ledger.pending.add({ ...record, at: 2000 });
    await ledger.pending.drop(record);
    expect(await ledger.pending.olderThan(Date.now(), 10)).toEqual([{ ...record, at: 2000 }]);
    await ledger.pending.drop({ ...record, at: 2000 });
    expect(await ledger.pending.olderThan(Date.now(), 10)).toEqual([]);
  });
});
