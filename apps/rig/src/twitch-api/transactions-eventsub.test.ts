import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { verifyEventSubMessage } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appTokenFrom, FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.ts";

const { clientId } = DEV_CONFIG.extension;
const ANA = "51000001";
const BO = "51000002";
const SECRET = "a-secret-of-the-ebs";
let rig: RigUnderTest;
let hook: WebhookReceiver;
let token: string;

beforeEach(async () => {
  rig = await startRig({
    eventSub: { retryDelaysMs: [20, 20], failuresBeforeRevocation: 2, timeoutMs: 1000 },
  });
  hook = await startWebhookReceiver();
  token = await appTokenFrom(rig.url);
});
afterEach(async () => {
  await rig.close();
  await hook.close();
});

function helix(path: string, init: RequestInit = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Client-Id": clientId };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${rig.url}${path}`, { ...init, headers });
}

async function buy(userId: string, sku = "small-cheer") {
  const res = await fetch(`${rig.url}/rig/api/bits/purchases`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channelId: FIRST_CHANNEL, userId, sku }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { transaction: { transactionID: string } }).transaction.transactionID;
}

type Transactions = {
  data: { id: string; user_id: string; product_type: string; product_data: unknown }[];
  pagination: { cursor?: string };
};

describe("Get Extension Transactions", () => {
  it("pages through purchases newest first with a cursor, and filters by id", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await buy(i % 2 === 0 ? ANA : BO));
    const first = (await (
      await helix(`/helix/extensions/transactions?extension_id=${clientId}&first=2`)
    ).json()) as Transactions;
    expect(first.data.map((t) => t.id)).toEqual([ids[4], ids[3]]);
    expect(first.data[0]).toMatchObject({
      broadcaster_id: FIRST_CHANNEL,
      user_id: ANA,
      user_name: "Ana",
      product_type: "BITS_IN_EXTENSION",
      product_data: {
        domain: `twitch.ext.${clientId}`,
        sku: "small-cheer",
        cost: { amount: 100, type: "bits" },
        inDevelopment: false,
        displayName: "Small Cheer",
        broadcast: false,
      },
    });
    const seen = [...first.data.map((t) => t.id)];
    let cursor = first.pagination.cursor;
    for (let page = 0; cursor && page < 10; page++) {
      const next = (await (
        await helix(`/helix/extensions/transactions?extension_id=${clientId}&first=2&after=${cursor}`)
      ).json()) as Transactions;
      seen.push(...next.data.map((t) => t.id));
      cursor = next.pagination.cursor;
    }
    expect(seen).toEqual([...ids].reverse());
    const byId = (await (
      await helix(`/helix/extensions/transactions?extension_id=${clientId}&id=${ids[1]}&id=nope`)
    ).json()) as Transactions;
    expect(byId.data.map((t) => t.id)).toEqual([ids[1]]);
  });

  it("refuses no extension_id, another extension's, first over 100, a changed cursor, and a user token", async () => {
    const code = async (path: string) => {
      const res = await helix(path);
      return [res.status, res.headers.get(DIAGNOSIS_HEADERS.code)];
    };
    expect(await code("/helix/extensions/transactions")).toEqual([400, "transactions_query_invalid"]);
    expect(await code("/helix/extensions/transactions?extension_id=other")).toEqual([
      400,
      "extension_id_mismatch",
    ]);
    expect(await code(`/helix/extensions/transactions?extension_id=${clientId}&first=101`)).toEqual([
      400,
      "transactions_query_invalid",
    ]);
    expect(await code(`/helix/extensions/transactions?extension_id=${clientId}&after=garbage`)).toEqual([
      400,
      "transactions_query_invalid",
    ]);
    const noToken = await fetch(`${rig.url}/helix/extensions/transactions?extension_id=${clientId}`, {
      headers: { "Client-Id": clientId },
    });
    expect(noToken.status).toBe(401);
  });
});

const subscriptionBody = (callback: string, transport: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "extension.bits_transaction.create",
    version: "1",
    condition: { extension_client_id: clientId },
    transport: { method: "webhook", callback, secret: SECRET, ...transport },
  });

async function subscribe(callback = hook.url) {
  const res = await helix("/helix/eventsub/subscriptions", {
    method: "POST",
    body: subscriptionBody(callback),
  });
  return { res, body: (await res.json()) as { data: { id: string; status: string }[]; total: number } };
}

async function statusOf(id: string): Promise<string | undefined> {
  const list = (await (await helix(`/helix/eventsub/subscriptions?subscription_id=${id}`)).json()) as {
    data: { status: string }[];
  };
  return list.data[0]?.status;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

function verified(delivery: { headers: Record<string, string | string[] | undefined>; body: string }) {
  const header = (name: string) => delivery.headers[name] as string | undefined;
  return verifyEventSubMessage({
    headers: {
      messageId: header("twitch-eventsub-message-id"),
      timestamp: header("twitch-eventsub-message-timestamp"),
      signature: header("twitch-eventsub-message-signature"),
    },
    rawBody: delivery.body,
    secret: SECRET,
    clock: rig.now,
  });
}

describe("EventSub webhooks for extension.bits_transaction.create", () => {
  it("answers 202 pending, sends a signed challenge, and enables the subscription when it is answered", async () => {
    const { res, body } = await subscribe();
    expect(res.status).toBe(202);
    expect(body.data[0]).toMatchObject({
      status: "webhook_callback_verification_pending",
      type: "extension.bits_transaction.create",
      version: "1",
      condition: { extension_client_id: clientId },
      transport: { method: "webhook", callback: hook.url },
    });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    const [challenge] = await hook.waitFor(1);
    expect(challenge?.headers["twitch-eventsub-message-type"]).toBe("webhook_callback_verification");
    expect(challenge && verified(challenge)).toEqual({ ok: true });
    const id = body.data[0]?.id as string;
    await until(async () => (await statusOf(id)) === "enabled", "the subscription to be enabled");
  });

  it("fails verification when the callback answers anything but the challenge, and says why in the log", async () => {
    hook.answer = () => ({ status: 200, body: "ok" });
    const { body } = await subscribe();
    const id = body.data[0]?.id as string;
    await until(
      async () => (await statusOf(id)) === "webhook_callback_verification_failed",
      "verification to fail",
    );
    const log = (await (await fetch(`${rig.url}/rig/api/log`)).json()) as {
      entries: { path: string; outgoing?: boolean; diagnosis?: string }[];
    };
    const entry = log.entries.find(
      (e) => e.outgoing && e.path.startsWith("EventSub webhook_callback_verification"),
    );
    expect(entry?.diagnosis).toMatch(/exactly the "challenge" value/);
    await buy(ANA);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(1);
  });

  it("sends each purchase as a signed notification Twitch's way, to enabled subscriptions only", async () => {
    const { body } = await subscribe();
    const id = body.data[0]?.id as string;
    await until(async () => (await statusOf(id)) === "enabled", "enabled");
    const transactionId = await buy(ANA, "mega-hype");
    const [, notification] = await hook.waitFor(2);
    expect(notification?.headers["twitch-eventsub-message-type"]).toBe("notification");
    expect(notification?.headers["twitch-eventsub-subscription-type"]).toBe(
      "extension.bits_transaction.create",
    );
    expect(notification && verified(notification)).toEqual({ ok: true });
    const payload = JSON.parse(notification?.body ?? "{}") as {
      subscription: { id: string; status: string };
      event: unknown;
    };
    expect(payload.subscription).toMatchObject({ id, status: "enabled" });
    expect(payload.event).toEqual({
      id: transactionId,
      extension_client_id: clientId,
      broadcaster_user_id: FIRST_CHANNEL,
      broadcaster_user_login: DEV_CONFIG.channels[0]?.login,
      broadcaster_user_name: DEV_CONFIG.channels[0]?.displayName,
      user_id: ANA,
      user_login: "ana_plays",
      user_name: "Ana",
      product: { name: "Mega Hype", sku: "mega-hype", bits: 500, in_development: false },
    });
  });

  it("retries a failing notification with the same message id, a bounded number of times, then revokes", async () => {
    const { body } = await subscribe();
    const id = body.data[0]?.id as string;
    await until(async () => (await statusOf(id)) === "enabled", "enabled");
    hook.answer = () => ({ status: 500 });
    await buy(ANA);
    const attempts = (await hook.waitFor(4)).slice(1);
    expect(new Set(attempts.map((d) => d.headers["twitch-eventsub-message-id"])).size).toBe(1);
    expect(attempts.map((d) => d.headers["twitch-eventsub-message-retry"])).toEqual(["0", "1", "2"]);
    expect(await statusOf(id)).toBe("enabled");
    await buy(BO);
    await until(async () => (await statusOf(id)) === "notification_failures_exceeded", "the revocation");
    const revocation = (await hook.waitFor(8)).at(-1);
    expect(revocation?.headers["twitch-eventsub-message-type"]).toBe("revocation");
    expect(JSON.parse(revocation?.body ?? "{}")).toMatchObject({
      subscription: { id, status: "notification_failures_exceeded" },
    });
    await buy(ANA);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(8);
    const log = (await (await fetch(`${rig.url}/rig/api/log`)).json()) as {
      entries: { path: string; status: number; diagnosis?: string }[];
    };
    expect(
      log.entries.filter((e) => e.path.startsWith("EventSub notification (retry 2)")).map((e) => e.status),
    ).toEqual([500, 500]);
    expect(log.entries.some((e) => e.diagnosis?.includes("No retry left"))).toBe(true);
  });

  it("revokes on the rig API's word, sending the revocation, and lists and deletes subscriptions", async () => {
    const { body } = await subscribe();
    const id = body.data[0]?.id as string;
    await until(async () => (await statusOf(id)) === "enabled", "enabled");
    const revoked = await fetch(`${rig.url}/rig/api/eventsub/subscriptions/${id}/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "authorization_revoked" }),
    });
    expect(revoked.status).toBe(200);
    const [, revocation] = await hook.waitFor(2);
    expect(revocation?.headers["twitch-eventsub-message-type"]).toBe("revocation");
    expect(revocation && verified(revocation)).toEqual({ ok: true });
    expect(await statusOf(id)).toBe("authorization_revoked");
    const again = await fetch(`${rig.url}/rig/api/eventsub/subscriptions/${id}/revoke`, { method: "POST" });
    expect(again.status).toBe(409);
    const deleted = await helix(`/helix/eventsub/subscriptions?id=${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const gone = await helix(`/helix/eventsub/subscriptions?id=${id}`, { method: "DELETE" });
    expect([gone.status, gone.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      404,
      "eventsub_subscription_not_found",
    ]);
  });

  it("refuses WebSocket in Twitch's words, a duplicate, an unreachable callback counts as failed verification", async () => {
    const ws = await helix("/helix/eventsub/subscriptions", {
      method: "POST",
      body: JSON.stringify({
        type: "extension.bits_transaction.create",
        version: "1",
        condition: { extension_client_id: clientId },
        transport: { method: "websocket", session_id: "abc" },
      }),
    });
    expect(ws.status).toBe(400);
    expect(ws.headers.get(DIAGNOSIS_HEADERS.code)).toBe("eventsub_transport_unsupported");
    expect(await ws.json()).toMatchObject({
      message: "transport method websocket is not supported for this subscription type",
    });
    await subscribe();
    const duplicate = await subscribe();
    expect([duplicate.res.status, duplicate.res.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      409,
      "eventsub_subscription_exists",
    ]);
    const { body } = await subscribe("http://127.0.0.1:1/nothing-listens");
    const id = body.data[0]?.id as string;
    await until(
      async () => (await statusOf(id)) === "webhook_callback_verification_failed",
      "failed verification",
    );
    const list = (await (await helix("/helix/eventsub/subscriptions")).json()) as {
      total: number;
      data: unknown[];
    };
    expect(list.total).toBe(2);
  });
});
