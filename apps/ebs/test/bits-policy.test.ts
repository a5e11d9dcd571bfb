import {
  apiErrorSchema,
  BITS_CATALOGUE,
  BITS_TRANSACTION_EVENT,
  type BitsProduct,
  bitsTransactionAcceptedSchema,
  EBS_PATHS,
} from "@ext/shared";
import {
  buildViewerClaims,
  createSecretRing,
  type ExtensionTransaction,
  opaqueIdFor,
  signBitsReceipt,
  signEventSubMessage,
  signExtensionJwt,
} from "@ext/shared/server";
import { afterEach, describe, expect, it } from "vitest";
import {
  CHANNEL_ID,
  CLIENT_ID,
  type Harness,
  type HarnessOptions,
  startHarness,
  VIEWER_ID,
} from "./support/harness.ts";
import { until, untilAsync } from "./support/until.ts";

/**
 * The two Bits policies, through HTTP against the real EBS and a fake Twitch: a receipt from a viewer who has
 * not shared identity is believed once Get Extension Transactions confirms it (and only in its channel), and
 * a purchase in a channel whose broadcaster turned chat messages off is recorded once, never posted.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness({ ...options, env: { BITS_RECONCILE_SECONDS: "0", ...options.env } });
  return h;
}

const megaHype = BITS_CATALOGUE.bySku("mega-hype")?.product as BitsProduct;
const ANNOUNCED = "Ana cheered 500 Bits: Mega Hype! 🎉";
const OTHER_CHANNEL = "2002";
const EVENTSUB_SECRET = "a-test-eventsub-secret-0123456789";

function receipt(harness: Harness, transactionId: string): string {
  return signBitsReceipt(
    { clientId: CLIENT_ID, transactionId, userId: VIEWER_ID, product: megaHype },
    createSecretRing(harness.secretBase64),
    harness.clock,
  );
}

/** The purchase as Twitch's Get Extension Transactions records it. */
function twitchTransaction(harness: Harness, id: string, channelId = CHANNEL_ID): ExtensionTransaction {
  return {
    id,
    timestamp: new Date(harness.clock()).toISOString(),
    broadcaster_id: channelId,
    broadcaster_login: "streamer",
    broadcaster_name: "Streamer",
    user_id: VIEWER_ID,
    user_login: "ana",
    user_name: "Ana",
    product_type: "BITS_IN_EXTENSION",
    product_data: {
      domain: `twitch.ext.${CLIENT_ID}`,
      sku: megaHype.sku,
      cost: { amount: megaHype.cost, type: "bits" },
      inDevelopment: false,
      displayName: megaHype.displayName,
      expiration: "",
      broadcast: true,
    },
  };
}

/** A viewer who is logged in but has not shared identity: no `user_id` in the token. */
function unidentified(harness: Harness, channelId = CHANNEL_ID, userId = VIEWER_ID): string {
  return harness.token({ kind: "anonymous", userId }, channelId);
}

function report(harness: Harness, token: string, transactionReceipt: string) {
  return harness.ebs
    .post(EBS_PATHS.bitsTransaction)
    .set("Authorization", `Bearer ${token}`)
    .send({ transactionReceipt });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a receipt from a viewer who has not shared identity", () => {
  it("is confirmed with Get Extension Transactions and announced once in Twitch's channel, by Twitch's buyer", async () => {
    const harness = await start();
    harness.fake.transactions = [twitchTransaction(harness, "tx-u1")];
    const token = unidentified(harness);
    const first = await report(harness, token, receipt(harness, "tx-u1")).expect(202);
    const queued = bitsTransactionAcceptedSchema.parse(first.body);
    expect(queued).toEqual({
      status: "queued",
      transactionId: "tx-u1",
      actionId: expect.any(String),
      channelId: CHANNEL_ID,
    });
    expect(harness.fake.transactionQueries).toEqual([["tx-u1"]]);
    expect(await harness.status(String(queued.actionId), token)).toMatchObject({
      status: "sent",
      text: ANNOUNCED,
    });
    const again = await report(harness, token, receipt(harness, "tx-u1")).expect(202);
    expect(bitsTransactionAcceptedSchema.parse(again.body)).toEqual({ ...queued, status: "known" });
    // Known to the ledger with its channel: Twitch is not asked again.
    expect(harness.fake.transactionQueries).toEqual([["tx-u1"]]);
    await harness.chatSettled();
    expect(harness.fake.accepted.map((m) => [m.broadcasterId, m.text])).toEqual([[CHANNEL_ID, ANNOUNCED]]);
    expect(await harness.store.bits.get("tx-u1")).toMatchObject({
      channelId: CHANNEL_ID,
      userId: VIEWER_ID,
      source: "receipt",
    });
  });

  it("is refused 403 receipt_channel_mismatch when replayed with a token of another channel, and the real channel's report still announces it", async () => {
    const harness = await start();
    harness.fake.transactions = [twitchTransaction(harness, "tx-u2")];
    // A broadcast product's receipt reaches every viewer's frame: Bo copies it into another channel.
    const replay = await report(
      harness,
      unidentified(harness, OTHER_CHANNEL, "424243"),
      receipt(harness, "tx-u2"),
    ).expect(403);
    const error = apiErrorSchema.parse(replay.body).error;
    expect(error.code).toBe("receipt_channel_mismatch");
    expect(error.message).toBe(
      "Twitch records transaction tx-u2 in another channel than this viewer token's: a receipt is reported from the channel it was bought in.",
    );
    expect(await harness.store.bits.get("tx-u2")).toBeUndefined();
    const real = await report(harness, unidentified(harness), receipt(harness, "tx-u2")).expect(202);
    expect(real.body).toMatchObject({ status: "queued", channelId: CHANNEL_ID });
    await until(() => harness.fake.accepted.length === 1);
    // A replay once the ledger holds it is refused from the ledger's channel, without asking Twitch.
    const queries = harness.fake.transactionQueries.length;
    const late = await report(
      harness,
      unidentified(harness, OTHER_CHANNEL, "424243"),
      receipt(harness, "tx-u2"),
    ).expect(403);
    expect(late.body.error.code).toBe("receipt_channel_mismatch");
    expect(harness.fake.transactionQueries).toHaveLength(queries);
    await harness.chatSettled();
    expect(harness.fake.accepted.map((m) => [m.broadcasterId, m.text])).toEqual([[CHANNEL_ID, ANNOUNCED]]);
  });

  it("answers 202 pending_confirmation while Twitch does not know the transaction, and reconciliation announces it once later", async () => {
    const harness = await start();
    const token = unidentified(harness);
    const pending = await report(harness, token, receipt(harness, "tx-u3")).expect(202);
    expect(bitsTransactionAcceptedSchema.parse(pending.body)).toEqual({
      status: "pending_confirmation",
      transactionId: "tx-u3",
      channelId: CHANNEL_ID,
    });
    expect(await harness.store.bits.get("tx-u3")).toBeUndefined();
    expect(harness.logLines()).toContainEqual(
      expect.objectContaining({
        event: "bits_receipt_pending",
        transactionId: "tx-u3",
        twitch: "unknown",
        msg: "receipt of a viewer without user_id: announced when Twitch confirms the transaction",
      }),
    );
    // Twitch records it; reconciliation reads it and announces it.
    harness.fake.transactions = [twitchTransaction(harness, "tx-u3")];
    harness.startBits();
    await until(() => harness.fake.accepted.length === 1);
    expect(harness.fake.accepted[0]?.text).toBe(ANNOUNCED);
    expect((await harness.store.bits.get("tx-u3"))?.source).toBe("transactions_api");
    const late = await report(harness, token, receipt(harness, "tx-u3")).expect(202);
    expect(late.body).toMatchObject({ status: "known", transactionId: "tx-u3", channelId: CHANNEL_ID });
    await harness.chatSettled();
    await pause(100);
    expect(harness.fake.accepted).toHaveLength(1);
  });

  it("answers 202 pending_confirmation, never a 5xx, when Get Extension Transactions fails", async () => {
    const harness = await start();
    harness.fake.transactions = [twitchTransaction(harness, "tx-u4")];
    harness.fake.transactionsFail = true;
    const res = await report(harness, unidentified(harness), receipt(harness, "tx-u4")).expect(202);
    expect(res.body).toEqual({
      status: "pending_confirmation",
      transactionId: "tx-u4",
      channelId: CHANNEL_ID,
    });
    expect(harness.logLines()).toContainEqual(
      expect.objectContaining({ event: "bits_confirm_failed", transactionId: "tx-u4" }),
    );
    expect(harness.fake.accepted).toEqual([]);
  });

  it("an identified viewer's receipt is not sent to Twitch: the token's user must be the buyer", async () => {
    const harness = await start();
    const bo = harness.token({ kind: "identified", userId: "424243" });
    const refused = await report(harness, bo, receipt(harness, "tx-u5")).expect(403);
    expect(refused.body.error.code).toBe("receipt_user_mismatch");
    const ana = harness.token({ kind: "identified", userId: VIEWER_ID });
    await report(harness, ana, receipt(harness, "tx-u5")).expect(202);
    expect(harness.fake.transactionQueries).toEqual([]);
  });
});

/** The broadcaster's saved settings with chat messages off (the config view's segment). */
const CHAT_OFF = JSON.stringify({ version: 1, chatEnabled: false, template: "{viewer}!" });

function eventSubNotification(harness: Harness, transactionId: string, messageId: string) {
  const timestamp = new Date(harness.clock()).toISOString();
  const body = JSON.stringify({
    subscription: {
      id: "sub-1",
      status: "enabled",
      ...BITS_TRANSACTION_EVENT,
      condition: { extension_client_id: CLIENT_ID },
      transport: { method: "webhook", callback: "https://ebs.example.com/eventsub" },
      created_at: timestamp,
      cost: 0,
    },
    event: {
      id: transactionId,
      extension_client_id: CLIENT_ID,
      broadcaster_user_id: CHANNEL_ID,
      broadcaster_user_login: "streamer",
      broadcaster_user_name: "Streamer",
      user_id: VIEWER_ID,
      user_login: "ana",
      user_name: "Ana",
      product: { name: "Mega Hype", sku: "mega-hype", bits: 500, in_development: false },
    },
  });
  return harness.ebs
    .post("/eventsub")
    .set("Content-Type", "application/json")
    .set("Twitch-Eventsub-Message-Id", messageId)
    .set("Twitch-Eventsub-Message-Timestamp", timestamp)
    .set(
      "Twitch-Eventsub-Message-Signature",
      signEventSubMessage({ secret: EVENTSUB_SECRET, messageId, timestamp, body }),
    )
    .set("Twitch-Eventsub-Message-Type", "notification")
    .send(body);
}

describe("a purchase while the broadcaster turned chat messages off", () => {
  async function chatOff(): Promise<Harness> {
    const harness = await start({
      settings: true,
      env: { EVENTSUB_CALLBACK_URL: "https://ebs.example.com/eventsub", EVENTSUB_SECRET },
    });
    harness.fake.broadcasterSegments.set(CHANNEL_ID, CHAT_OFF);
    return harness;
  }

  it("is recorded once and answered recorded_chat_off; later reports by receipt, EventSub and reconciliation are known and post nothing", async () => {
    const harness = await chatOff();
    const token = harness.token({ kind: "identified", userId: VIEWER_ID });
    const first = await report(harness, token, receipt(harness, "tx-off-1")).expect(202);
    expect(bitsTransactionAcceptedSchema.parse(first.body)).toEqual({
      status: "recorded_chat_off",
      transactionId: "tx-off-1",
      channelId: CHANNEL_ID,
    });
    expect(await harness.store.bits.get("tx-off-1")).toMatchObject({
      channelId: CHANNEL_ID,
      source: "receipt",
      announced: { text: "" },
    });
    expect(await harness.store.bits.unannounced(10)).toEqual([]);
    const again = await report(harness, token, receipt(harness, "tx-off-1")).expect(202);
    expect(again.body).toEqual({ status: "known", transactionId: "tx-off-1", channelId: CHANNEL_ID });
    await eventSubNotification(harness, "tx-off-1", "m-off-1").expect(204);
    harness.fake.transactions = [twitchTransaction(harness, "tx-off-1")];
    harness.startBits();
    await until(() => harness.fake.transactionQueries.length === 1);
    await pause(200);
    expect(harness.fake.chatCalls).toBe(0);
    const recorded = harness.logLines().filter((l) => l.event === "bits_recorded_chat_off");
    expect(recorded).toEqual([expect.objectContaining({ transactionId: "tx-off-1", source: "receipt" })]);
  });

  it("reported first by EventSub or reconciliation: recorded and logged, not posted, and the receipt finds it known", async () => {
    const harness = await chatOff();
    await eventSubNotification(harness, "tx-off-2", "m-off-2").expect(204);
    harness.fake.transactions = [twitchTransaction(harness, "tx-off-3")];
    harness.startBits();
    await untilAsync(async () => (await harness.store.bits.get("tx-off-3")) !== undefined);
    await until(() => harness.logLines().filter((l) => l.event === "bits_recorded_chat_off").length === 2);
    expect(
      harness
        .logLines()
        .filter((l) => l.event === "bits_recorded_chat_off")
        .map((l) => [l.transactionId, l.source]),
    ).toEqual([
      ["tx-off-2", "eventsub"],
      ["tx-off-3", "transactions_api"],
    ]);
    const token = harness.token({ kind: "identified", userId: VIEWER_ID });
    const late = await report(harness, token, receipt(harness, "tx-off-3")).expect(202);
    expect(late.body).toEqual({ status: "known", transactionId: "tx-off-3", channelId: CHANNEL_ID });
    await pause(200);
    expect(harness.fake.chatCalls).toBe(0);
  });

  it("is announced as usual once the broadcaster turns chat messages back on", async () => {
    const harness = await chatOff();
    const ana = harness.token({ kind: "identified", userId: VIEWER_ID });
    const off = await report(harness, ana, receipt(harness, "tx-on-0")).expect(202);
    expect(off.body).toMatchObject({ status: "recorded_chat_off" });
    const on = JSON.stringify({ version: 1, chatEnabled: true, template: "{viewer}!" });
    harness.fake.broadcasterSegments.set(CHANNEL_ID, on);
    await harness.ebs
      .post(EBS_PATHS.settingsChanged)
      .set("Authorization", `Bearer ${harness.token("broadcaster")}`)
      .send({ content: on })
      .expect(200);
    const res = await report(harness, ana, receipt(harness, "tx-on-1")).expect(202);
    expect(res.body).toMatchObject({ status: "queued", actionId: expect.any(String) });
    await until(() => harness.fake.accepted.length === 1);
    await harness.chatSettled();
    // Only the purchase made after chat came back on: the one recorded while it was off stays unposted.
    expect(harness.fake.accepted.map((m) => m.text)).toEqual([ANNOUNCED]);
  });
});

describe("the buyer follows their purchase's announcement with Twitch's own opaque id", () => {
  /**
   * A token as real Twitch signs one: the opaque id is Twitch's, not the rig's stand-in derived from the user
   * id (which the harness's tokens carry, so they cannot show this).
   */
  function twitchToken(harness: Harness, viewer: { kind: "identified" | "anonymous"; userId: string }) {
    const claims = {
      ...buildViewerClaims({ channelId: CHANNEL_ID, clock: harness.clock, viewer }),
      opaque_user_id: "UTwitchOwnOpaqueId",
    };
    expect(claims.opaque_user_id).not.toBe(opaqueIdFor(viewer.userId));
    return signExtensionJwt(claims, createSecretRing(harness.secretBase64), harness.clock);
  }

  it("reads the status of the action its receipt queued, identified or not", async () => {
    const harness = await start();
    harness.fake.transactions = [twitchTransaction(harness, "tx-o2")];
    for (const [kind, transactionId] of [
      ["identified", "tx-o1"],
      ["anonymous", "tx-o2"],
    ] as const) {
      const token = twitchToken(harness, { kind, userId: VIEWER_ID });
      const queued = bitsTransactionAcceptedSchema.parse(
        (await report(harness, token, receipt(harness, transactionId)).expect(202)).body,
      );
      expect(queued.status).toBe("queued");
      expect(await harness.status(String(queued.actionId), token)).toMatchObject({
        status: "sent",
        text: ANNOUNCED,
      });
    }
  });

  it("reads, as an identified viewer, the status of a purchase EventSub announced before the panel reported it", async () => {
    const harness = await start({
      env: { EVENTSUB_CALLBACK_URL: "https://ebs.example.com/eventsub", EVENTSUB_SECRET },
    });
    await eventSubNotification(harness, "tx-o3", "m-o3").expect(204);
    const token = twitchToken(harness, { kind: "identified", userId: VIEWER_ID });
    const known = bitsTransactionAcceptedSchema.parse(
      (await report(harness, token, receipt(harness, "tx-o3")).expect(202)).body,
    );
    expect(known.status).toBe("known");
    expect(await harness.status(String(known.actionId), token)).toMatchObject({
      status: "sent",
      text: ANNOUNCED,
    });
    // Another identified viewer of the channel cannot read it.
    const other = twitchToken(harness, { kind: "identified", userId: "424299" });
    await harness.ebs
      .get(EBS_PATHS.actionStatus.replace(":id", String(known.actionId)))
      .set("Authorization", `Bearer ${other}`)
      .expect(404);
  });
});
