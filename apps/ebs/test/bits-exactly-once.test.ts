import { freePort } from "@ext/test-kit/processes";
import { redisServerPath, startRedis, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUYER, eventually, reportReceipt, rigBits } from "./support/bits-rig.ts";
import { rigApi } from "./support/process-api.ts";
import { type Child, startEbs, startRig } from "./support/processes.ts";

/**
 * Exactly once, through every path at once: two EBS processes sharing a real Redis, against the rig. Each
 * purchase is reported by its receipt twice to each instance, delivered by EventSub to instance A, and read
 * by both instances' reconciliation every second; chat must show it exactly once. Prints the figure.
 */
const TRANSACTIONS = 8;
const [buyerId, buyerName] = BUYER;

beforeAll(async () => {
  await redisServerPath();
}, SYSTEM_PACKAGE_TIMEOUT_MS);

describe("two EBS instances in Redis mode: every Bits path at once", () => {
  let redis: TestRedis | undefined;
  let rig: Child | undefined;
  let ebs: Child[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    rig = await startRig();
    const port = await freePort();
    const env = { REDIS_URL: redis.url, BITS_RECONCILE_SECONDS: "1" };
    ebs = await Promise.all([
      startEbs(rig.url, {
        ...env,
        PORT: String(port),
        EVENTSUB_CALLBACK_URL: `http://127.0.0.1:${port}/eventsub`,
        EVENTSUB_SECRET: "exactly-once-eventsub-secret",
      }),
      startEbs(rig.url, env),
    ]);
    await rigBits(rig.url).setBalance(buyerId, 1_000_000);
    await eventually(
      async () => (await rigBits(rig?.url as string).subscriptions()).some((s) => s.status === "enabled"),
      10_000,
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(ebs.map((e) => e.stop()));
    await rig?.stop();
    await redis?.stop();
  }, 30_000);

  it("announces each transaction exactly once", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const [a, b] = ebs as [Child, Child];
    const rigChannels = rigApi(url);
    const channels: string[] = [];
    const reports: Promise<{ status: number; body: unknown }>[] = [];
    for (let i = 0; i < TRANSACTIONS; i++) {
      const channelId = await rigChannels.newChannel();
      channels.push(channelId);
      const { receipt } = await bits.purchase({ channelId, userId: buyerId, sku: "mega-hype" });
      for (const via of [a, b, a, b])
        reports.push(reportReceipt(via, { channelId, userId: buyerId, receipt }));
    }
    const answers = await Promise.all(reports);
    expect(answers.every((r) => r.status === 202)).toBe(true);
    // Every report of one transaction names the same announcement, queued by exactly one of them.
    for (let i = 0; i < TRANSACTIONS; i++) {
      const mine = answers.slice(i * 4, i * 4 + 4).map((r) => r.body as { status: string; actionId: string });
      expect(new Set(mine.map((r) => r.actionId)).size).toBe(1);
    }
    const expected = `${buyerName} cheered 500 Bits: Mega Hype! 🎉`;
    await eventually(
      async () => (await Promise.all(channels.map((c) => bits.chat(c)))).every((m) => m.length > 0),
      15_000,
    );
    // Reconciliation runs every second on both instances, EventSub may still retry: let them all try.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const chats = await Promise.all(channels.map((c) => bits.chat(c)));
    const once = chats.filter((messages) => messages.length === 1 && messages[0] === expected).length;
    console.log(`transactions announced exactly once: ${once} / ${TRANSACTIONS}`);
    expect(once).toBe(TRANSACTIONS);
  }, 60_000);
});
