import { randomUUID } from "node:crypto";
import { redisServerPath, startRedis, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedis, connectRedis, type RedisClient } from "../src/delivery/redis/connection.ts";
import { redisKeys } from "../src/delivery/redis/keys.ts";
import type { PendingAnnouncements } from "../src/store/bits-ledger.ts";
import { createRedisBitsLedger } from "../src/store/redis/bits-ledger.ts";
import { BUYER, eventually, reportReceipt, rigBits } from "./support/bits-rig.ts";
import { rigApi } from "./support/process-api.ts";
import { type Child, startEbs, startRig } from "./support/processes.ts";

/**
 * A Bits purchase whose EBS instance was killed between the ledger's claim and the queue's push, with two
 * other EBS processes on the same Redis (BITS_SWEEP_SECONDS=1) against the rig. The killed instance is
 * played by writing what it had written (its pending record, its claim) through the EBS's own ledger, a
 * minute ago; then every path that is not the dead one reports the purchase too (the receipt twice to each
 * survivor, reconciliation every second). Chat must show each purchase exactly once. Prints the figure.
 */
const TRANSACTIONS = 4;
const [buyerId, buyerName] = BUYER;

beforeAll(async () => {
  await redisServerPath();
}, SYSTEM_PACKAGE_TIMEOUT_MS);

describe("a purchase claimed by an instance killed before its push (Redis mode)", () => {
  let redis: TestRedis | undefined;
  let rig: Child | undefined;
  let ebs: Child[] = [];
  let probe: RedisClient | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    rig = await startRig();
    const env = { REDIS_URL: redis.url, BITS_RECONCILE_SECONDS: "1", BITS_SWEEP_SECONDS: "1" };
    ebs = await Promise.all([startEbs(rig.url, env), startEbs(rig.url, env)]);
    probe = connectRedis(redis.url, { name: "killed-instance" });
    await rigBits(rig.url).setBalance(buyerId, 1_000_000);
  }, 60_000);
  afterAll(async () => {
    if (probe) await closeRedis(probe);
    await Promise.all(ebs.map((e) => e.stop()));
    await rig?.stop();
    await redis?.stop();
  }, 30_000);

  it("is announced once by a survivor's sweep, under the dead claim's action id", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const [a, b] = ebs as [Child, Child];
    const ledger = createRedisBitsLedger({ redis: probe as RedisClient, keys: redisKeys() });
    const pending = ledger.pending as PendingAnnouncements;
    const rigChannels = rigApi(url);
    const channels: string[] = [];
    const actionIds: string[] = [];
    const transactionIds: string[] = [];
    const reports: Promise<{ status: number; body: unknown }>[] = [];
    for (let i = 0; i < TRANSACTIONS; i++) {
      const channelId = await rigChannels.newChannel();
      channels.push(channelId);
      const { transactionId, receipt } = await bits.purchase({
        channelId,
        userId: buyerId,
        sku: "mega-hype",
      });
      const actionId = randomUUID();
      actionIds.push(actionId);
      transactionIds.push(transactionId);
      const at = Date.now() - 60_000;
      await pending.add({ transactionId, actionId, at });
      const claim = await ledger.claim({
        transactionId,
        channelId,
        userId: buyerId,
        sku: "mega-hype",
        bits: 500,
        actionId,
        source: "receipt",
        claimedAt: new Date(at).toISOString(),
      });
      expect(claim).toEqual({ claimed: true });
      for (const via of [a, b, a, b])
        reports.push(reportReceipt(via, { channelId, userId: buyerId, receipt }));
    }
    const answers = await Promise.all(reports);
    expect(answers.map((r) => r.status)).toEqual(Array(TRANSACTIONS * 4).fill(202));
    // Every report names the dead instance's claim: nothing claimed or queued again.
    for (let i = 0; i < TRANSACTIONS; i++) {
      for (const r of answers.slice(i * 4, i * 4 + 4))
        expect(r.body).toMatchObject({ status: "known", actionId: actionIds[i] });
    }
    await eventually(
      async () => (await Promise.all(channels.map((c) => bits.chat(c)))).every((m) => m.length > 0),
      15_000,
    );
    // Both survivors sweep every second and reconcile every second: let them all try again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const expected = `${buyerName} cheered 500 Bits: Mega Hype! 🎉`;
    const chats = await Promise.all(channels.map((c) => bits.chat(c)));
    const once = chats.filter((messages) => messages.length === 1 && messages[0] === expected).length;
    console.log(
      `purchases left claimed by a killed instance, announced exactly once: ${once} / ${TRANSACTIONS}`,
    );
    expect(once).toBe(TRANSACTIONS);
    expect(await pending.olderThan(Date.now(), 100)).toEqual([]);
    const recovered = `${a.output()}${b.output()}`.split("\n").filter((l) => l.includes('"bits_recovered"'));
    expect(recovered).toHaveLength(TRANSACTIONS);
    // The ledger learns what chat showed, as for any announcement.
    await eventually(
      async () =>
        (await Promise.all(transactionIds.map((id) => ledger.get(id)))).every(
          (e) => e?.announced?.text === expected,
        ),
      10_000,
    );
  }, 60_000);
});
