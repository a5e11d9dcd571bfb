import { BITS_CATALOGUE } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { opaqueIdFor, verifyBitsReceipt } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BitsPurchaseEvent } from "../state/types.ts";
import { type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

const RELEASED = "41000001";
const HOSTED_TEST = "41000002";
const ANA = "51000001";
const { clientId } = DEV_CONFIG.extension;
let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

function api(path: string, method = "GET", body?: unknown) {
  return fetch(`${rig.url}/rig/api${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function errorOf(res: Response) {
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}

const purchase = (body: Record<string, unknown>) =>
  api("/bits/purchases", "POST", { channelId: RELEASED, userId: ANA, ...body });

describe("POST /rig/api/bits/purchases", () => {
  it("spends the Bits, records the transaction and answers a receipt the EBS's verifyBitsReceipt accepts", async () => {
    const events: BitsPurchaseEvent[] = [];
    rig.state.on("bits", (event) => events.push(event));
    const res = await purchase({ sku: "mega-hype" });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as BitsPurchaseEvent & { balance: number };
    expect(answer.balance).toBe(500);
    expect(answer).toMatchObject({
      channelId: RELEASED,
      buyerOpaqueId: opaqueIdFor(ANA),
      broadcast: true,
      loopback: false,
      transaction: {
        domainID: `twitch.ext.${clientId}`,
        product: { sku: "mega-hype", displayName: "Mega Hype", cost: { amount: "500", type: "bits" } },
        userId: ANA,
        displayName: "Ana",
      },
    });
    expect(answer.transaction.product).not.toHaveProperty("inDevelopment");
    expect(events.map((e) => e.transaction.transactionID)).toEqual([answer.transaction.transactionID]);
    const verdict = verifyBitsReceipt(answer.transaction.transactionReceipt, {
      ring: rig.state.secrets.ring(),
      clock: rig.now,
      clientId,
      catalogue: BITS_CATALOGUE,
      viewerUserId: ANA,
    });
    expect(verdict.ok && verdict.purchase).toMatchObject({
      transactionId: answer.transaction.transactionID,
      userId: ANA,
    });
    const bits = (await (await api("/bits")).json()) as {
      balances: { userId: string; balance: number }[];
      transactions: { id: string }[];
    };
    expect(bits.balances.find((b) => b.userId === ANA)?.balance).toBe(500);
    expect(bits.transactions.map((t) => t.id)).toEqual([answer.transaction.transactionID]);
  });

  it("refuses a viewer without enough Bits, saying how many more are needed, and spends nothing", async () => {
    expect((await api(`/bits/balances/${ANA}`, "PUT", { balance: 120 })).status).toBe(200);
    const res = await purchase({ sku: "mega-hype" });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect([res.status, body.error.code]).toEqual([409, "bits_balance_insufficient"]);
    expect(body.error.message).toBe('Ana has 120 Bits and "mega-hype" costs 500: 380 more are needed.');
    expect(rig.state.bits.balance(ANA)).toBe(120);
    expect(rig.state.bits.transactions()).toEqual([]);
  });

  it("refuses on a channel that cannot take Bits, and features say isBitsEnabled false there", async () => {
    const patched = await api(`/channels/${RELEASED}`, "PATCH", { bitsEligible: false });
    expect(((await patched.json()) as { bitsEligible: boolean }).bitsEligible).toBe(false);
    expect(await errorOf(await purchase({ sku: "mega-hype" }))).toEqual([409, "bits_channel_ineligible"]);
    expect(await errorOf(await api(`/channels/${RELEASED}`, "PATCH", { bitsEligible: "no" }))).toEqual([
      400,
      "body_invalid",
    ]);
  });

  it("sells an in-development product only while the version is in test; loopback spends nothing and records nothing", async () => {
    expect(await errorOf(await purchase({ sku: "test-cheer" }))).toEqual([
      409,
      "bits_product_in_development",
    ]);
    await api(`/channels/${HOSTED_TEST}`, "PATCH", { activated: true });
    const inTest = await purchase({ channelId: HOSTED_TEST, sku: "test-cheer" });
    expect(inTest.status).toBe(201);
    expect(((await inTest.json()) as BitsPurchaseEvent).transaction.product.inDevelopment).toBe(true);
    expect(rig.state.bits.balance(ANA)).toBe(999);
    const loop = await purchase({ channelId: HOSTED_TEST, sku: "test-cheer", loopback: true });
    expect(((await loop.json()) as BitsPurchaseEvent).loopback).toBe(true);
    expect(rig.state.bits.balance(ANA)).toBe(999);
    expect(rig.state.bits.transactions()).toHaveLength(1);
    const notLoop = (await (
      await purchase({ sku: "small-cheer", loopback: true })
    ).json()) as BitsPurchaseEvent;
    expect(notLoop.loopback).toBe(false);
    expect(rig.state.bits.balance(ANA)).toBe(899);
  });

  it("refuses an unknown SKU, an expired product, an unknown user or channel, and a bad body", async () => {
    expect(await errorOf(await purchase({ sku: "nope" }))).toEqual([404, "bits_product_unknown"]);
    rig.state.bits.putProduct({
      sku: "gone",
      cost: { amount: 1, type: "bits" },
      in_development: false,
      display_name: "Gone",
      expiration: "2026-03-01T11:00:00Z",
      is_broadcast: false,
    });
    expect(await errorOf(await purchase({ sku: "gone" }))).toEqual([404, "bits_product_unknown"]);
    expect(await errorOf(await purchase({ sku: "mega-hype", userId: "999" }))).toEqual([404, "not_found"]);
    expect(await errorOf(await purchase({ sku: "mega-hype", channelId: "999" }))).toEqual([404, "not_found"]);
    expect(await errorOf(await purchase({ sku: "mega-hype", userId: 51000001 }))).toEqual([
      400,
      "body_invalid",
    ]);
    await api(`/channels/${RELEASED}`, "PATCH", { activated: false });
    expect(await errorOf(await purchase({ sku: "mega-hype" }))).toEqual([409, "extension_not_activated"]);
  });
});

describe("the rig's Bits controls", () => {
  it("gives a frame's getProducts Twitch's frontend shape, without in-development products once released", async () => {
    const released = (await (await api(`/bits/products?channelId=${RELEASED}`)).json()) as {
      products: unknown[];
    };
    expect(released.products).toEqual([
      { sku: "mega-hype", displayName: "Mega Hype", cost: { amount: "500", type: "bits" } },
      { sku: "small-cheer", displayName: "Small Cheer", cost: { amount: "100", type: "bits" } },
    ]);
    const inTest = (await (await api(`/bits/products?channelId=${HOSTED_TEST}`)).json()) as {
      products: { sku: string; inDevelopment?: boolean }[];
    };
    expect(inTest.products.map((p) => [p.sku, p.inDevelopment])).toEqual([
      ["mega-hype", false],
      ["small-cheer", false],
      ["test-cheer", true],
    ]);
    expect(await errorOf(await api("/bits/products"))).toEqual([404, "not_found"]);
  });

  it("sets a balance, refusing a negative or fractional one and an unknown user", async () => {
    const res = await api(`/bits/balances/${ANA}`, "PUT", { balance: 42 });
    expect(await res.json()).toEqual({ userId: ANA, displayName: "Ana", balance: 42 });
    expect(await errorOf(await api(`/bits/balances/${ANA}`, "PUT", { balance: -1 }))).toEqual([
      400,
      "body_invalid",
    ]);
    expect(await errorOf(await api(`/bits/balances/${ANA}`, "PUT", { balance: 1.5 }))).toEqual([
      400,
      "body_invalid",
    ]);
    expect(await errorOf(await api("/bits/balances/999", "PUT", { balance: 1 }))).toEqual([404, "not_found"]);
  });

  it("refuses to revoke a subscription that does not exist", async () => {
    expect(await errorOf(await api("/eventsub/subscriptions/nope/revoke", "POST", {}))).toEqual([
      404,
      "not_found",
    ]);
    expect(
      await errorOf(await api("/eventsub/subscriptions/nope/revoke", "POST", { status: "bored" })),
    ).toEqual([400, "body_invalid"]);
  });
});
