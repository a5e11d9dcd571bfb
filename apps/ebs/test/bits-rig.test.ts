import { BITS_TRANSACTION_EVENT } from "@ext/shared";
import { signEventSubMessage } from "@ext/shared/server";
import { freePort } from "@ext/test-kit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUYER, eventually, type RigSubscription, reportReceipt, rigBits } from "./support/bits-rig.ts";
import { rigApi } from "./support/process-api.ts";
import { type Child, RIG_DEV, startEbs, startRig } from "./support/processes.ts";

/**
 * Bits end to end against the real rig, each app its own process: purchases made in the rig (Bits spent,
 * the transaction recorded, EventSub notified), the panel's report of the receipt, and the EBS's two ways
 * to learn of a purchase no panel reported: the EventSub webhook and Get Extension Transactions.
 */
const EVENTSUB_SECRET = "a-test-eventsub-secret-0123456789";
const [buyerId, buyerName] = BUYER;
/** The current rig's channels (one counter per rig: each test takes a fresh channel with its own chat). */
let channels: ReturnType<typeof rigApi>;

describe("Bits against the rig, with EventSub", () => {
  let rig: Child | undefined;
  let ebs: Child | undefined;
  let callback: string;

  beforeAll(async () => {
    rig = await startRig();
    channels = rigApi(rig.url);
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
    const channelId = await channels.newChannel();
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

  it("handles a message id once, a second message of the same transaction announces nothing, an old one is refused", async () => {
    const url = rig?.url as string;
    const channelId = await channels.newChannel();
    const now = new Date().toISOString();
    const first = signedNotification({
      messageId: "m-1",
      timestamp: now,
      transactionId: "direct-1",
      channelId,
    });
    expect((await fetch(callback, first)).status).toBe(204);
    expect((await fetch(callback, first)).status).toBe(204);
    const other = signedNotification({
      messageId: "m-2",
      timestamp: now,
      transactionId: "direct-1",
      channelId,
    });
    expect((await fetch(callback, other)).status).toBe(204);
    const old = new Date(Date.now() - 11 * 60 * 1000).toISOString();
    const replay = signedNotification({
      messageId: "m-3",
      timestamp: old,
      transactionId: "direct-2",
      channelId,
    });
    const refused = await fetch(callback, replay);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "eventsub_timestamp_too_old",
    );
    const bits = rigBits(url);
    await eventually(async () => (await bits.chat(channelId)).length > 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bits.chat(channelId)).toEqual([`${buyerName} sent a Small Cheer (100 Bits)!`]);
  });

  it("subscribes again when Twitch revokes the subscription, and purchases are announced through it", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const before = (await bits.subscriptions()).find((s) => s.status === "enabled") as RigSubscription;
    const res = await fetch(`${url}/rig/api/eventsub/subscriptions/${before.id}/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(res.ok).toBe(true);
    await eventually(
      async () => (await bits.subscriptions()).some((s) => s.id !== before.id && s.status === "enabled"),
      10_000,
    );
    const channelId = await channels.newChannel();
    await bits.purchase({ channelId, userId: buyerId, sku: "mega-hype" });
    await eventually(async () => (await bits.chat(channelId)).length > 0, 5000);
    expect(await bits.chat(channelId)).toEqual([`${buyerName} cheered 500 Bits: Mega Hype! 🎉`]);
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

/** A notification as Twitch signs it, for a transaction the rig never saw (the EBS cannot tell). */
function signedNotification(input: {
  messageId: string;
  timestamp: string;
  transactionId: string;
  channelId: string;
}) {
  const body = JSON.stringify({
    subscription: {
      id: "sub-direct",
      status: "enabled",
      ...BITS_TRANSACTION_EVENT,
      condition: { extension_client_id: RIG_DEV.clientId },
      transport: { method: "webhook", callback: "http://127.0.0.1/eventsub" },
      created_at: input.timestamp,
      cost: 0,
    },
    event: {
      id: input.transactionId,
      extension_client_id: RIG_DEV.clientId,
      broadcaster_user_id: input.channelId,
      broadcaster_user_login: "x",
      broadcaster_user_name: "X",
      user_id: buyerId,
      user_login: "buyer",
      user_name: buyerName,
      product: { name: "Small Cheer", sku: "small-cheer", bits: 100, in_development: false },
    },
  });
  const signature = signEventSubMessage({
    secret: EVENTSUB_SECRET,
    messageId: input.messageId,
    timestamp: input.timestamp,
    body,
  });
  return {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Twitch-Eventsub-Message-Id": input.messageId,
      "Twitch-Eventsub-Message-Timestamp": input.timestamp,
      "Twitch-Eventsub-Message-Signature": signature,
      "Twitch-Eventsub-Message-Type": "notification",
    },
    body,
  };
}

describe("Bits against the rig, reconciliation only", () => {
  let rig: Child | undefined;
  let ebs: Child | undefined;

  beforeAll(async () => {
    rig = await startRig();
    channels = rigApi(rig.url);
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
    const channelId = await channels.newChannel();
    await bits.purchase({ channelId, userId: buyerId, sku: "small-cheer" });
    await eventually(async () => (await bits.chat(channelId)).length > 0, 8000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await bits.chat(channelId)).toEqual([`${buyerName} sent a Small Cheer (100 Bits)!`]);
  });

  it("believes the receipt of a viewer who has not shared identity once the rig's Get Extension Transactions confirms it, only in its channel", async () => {
    const url = rig?.url as string;
    const bits = rigBits(url);
    const channelId = await channels.newChannel();
    const elsewhere = await channels.newChannel();
    const { transactionId, receipt } = await bits.purchase({ channelId, userId: buyerId, sku: "mega-hype" });
    // Right after useBits completes the rig knows the transaction: the replay is placed in its real channel.
    const replay = await reportReceipt(ebs as Child, { channelId: elsewhere, receipt });
    expect(replay.status).toBe(403);
    expect((replay.body as { error: { code: string } }).error.code).toBe("receipt_channel_mismatch");
    const own = await reportReceipt(ebs as Child, { channelId, receipt });
    expect(own.status).toBe(202);
    // Queued by this report, or known if a reconciliation run (every second here) claimed it first.
    expect(own.body).toMatchObject({
      status: expect.stringMatching(/^(queued|known)$/),
      transactionId,
      channelId,
    });
    const expected = `${buyerName} cheered 500 Bits: Mega Hype! 🎉`;
    await eventually(async () => (await bits.chat(channelId)).length > 0, 8000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bits.chat(channelId)).toEqual([expected]);
    expect(await bits.chat(elsewhere)).toEqual([]);
  });
});
