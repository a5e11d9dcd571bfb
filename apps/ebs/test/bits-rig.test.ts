import { freePort } from "@ext/test-kit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUYER, eventually, reportReceipt, rigBits } from "./support/bits-rig.ts";
import { rigApi } from "./support/process-api.ts";
import { type Child, startEbs, startRig } from "./support/processes.ts";

/**
 * Bits end to end against the real rig, each app its own process: purchases made in the rig (Bits spent,
 * the transaction recorded, EventSub notified), the panel's report of the receipt, and the EBS's two ways
 * to learn of a purchase no panel reported: the EventSub webhook and Get Extension Transactions.
 */
const EVENTSUB_SECRET = "a-test-eventsub-secret-0123456789";
const [buyerId, buyerName] = BUYER;

describe("Bits against the rig, with EventSub", () => {
  let rig: Child | undefined;
  let ebs: Child | undefined;
  let callback: string;

  beforeAll(async () => {
    rig = await startRig();
    const port = await freePort();
    callback = `http://127.0.0.1:${port}/eventsub`;
    ebs = await startEbs(rig.url, {
      PORT: String(port),
      EVENTSUB_CALLBACK_URL: callback,
      EVENTSUB_SECRET,
      BITS_RECONCILE_SECONDS: "0",
    });
    await rigBits(rig.url).setBalance(buyerId, 100_000);
  }, 60_000);
  afterAll(async () => {
    await ebs?.stop();
    await rig?.stop();
  }, 30_000);

  it("subscribes at start and the rig's challenge enables the subscription", async () => {
    const bits = rigBits(rig?.url as string);
    await eventually(
      async () =>
        (await bits.subscriptions()).some((s) => s.transport.callback === callback && s.status === "enabled"),
      10_000,
    );
  });

  it("announces a purchase whose panel never reported it within seconds, and a late receipt finds it known", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const channelId = await rigApi(url).newChannel();
    const started = Date.now();
    const { transactionId, receipt } = await bits.purchase({ channelId, userId: buyerId, sku: "mega-hype" });
    const expected = `${buyerName} cheered 500 Bits: Mega Hype! 🎉`;
    await eventually(async () => (await bits.chat(channelId)).length > 0, 5000);
    console.log(`EventSub: purchase announced in chat after ${Date.now() - started} ms`);
    expect(await bits.chat(channelId)).toEqual([expected]);
    const late = await reportReceipt(ebs as Child, { channelId, userId: buyerId, receipt });
    expect(late).toMatchObject({ status: 202, body: { status: "known", transactionId } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bits.chat(channelId)).toEqual([expected]);
  });

  it("refuses a delivery that is not signed with the subscription's secret", async () => {
    const res = await fetch(callback, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Twitch-Eventsub-Message-Id": "forged-1",
        "Twitch-Eventsub-Message-Timestamp": new Date().toISOString(),
        "Twitch-Eventsub-Message-Signature": `sha256=${"0".repeat(64)}`,
        "Twitch-Eventsub-Message-Type": "notification",
      },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("eventsub_signature_invalid");
  });
});

describe("Bits against the rig, reconciliation only", () => {
  let rig: Child | undefined;
  let ebs: Child | undefined;

  beforeAll(async () => {
    rig = await startRig();
    ebs = await startEbs(rig.url, { BITS_RECONCILE_SECONDS: "1" });
    await rigBits(rig.url).setBalance(buyerId, 100_000);
  }, 60_000);
  afterAll(async () => {
    await ebs?.stop();
    await rig?.stop();
  }, 30_000);

  it("announces a purchase no panel reported through Get Extension Transactions, once", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const channelId = await rigApi(url).newChannel();
    await bits.purchase({ channelId, userId: buyerId, sku: "small-cheer" });
    await eventually(async () => (await bits.chat(channelId)).length > 0, 8000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await bits.chat(channelId)).toEqual([`${buyerName} sent a Small Cheer (100 Bits)!`]);
  });
});
