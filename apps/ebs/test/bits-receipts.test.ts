import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  apiErrorSchema,
  BITS_CATALOGUE,
  type BitsProduct,
  bitsTransactionAcceptedSchema,
  EBS_PATHS,
} from "@ext/shared";
import { createSecretRing, signBitsReceipt } from "@ext/shared/server";
import { badBitsReceipts } from "@ext/shared/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { CHANNEL_ID, CLIENT_ID, type Harness, startHarness, VIEWER_ID } from "./support/harness.ts";
import { until, untilAsync } from "./support/until.ts";

/** The receipt route through HTTP against the real EBS, with a fake Twitch taking the chat messages. */
let h: Harness;
const dir = mkdtempSync(join(tmpdir(), "ebs-bits-route-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await h?.close();
});

const megaHype = BITS_CATALOGUE.bySku("mega-hype")?.product as BitsProduct;

function receipt(transactionId: string, userId = VIEWER_ID, product = megaHype): string {
  return signBitsReceipt(
    { clientId: CLIENT_ID, transactionId, userId, product },
    createSecretRing(h.secretBase64),
    h.clock,
  );
}

/** Refusals that are not 400: the receipt is genuine but not this viewer's or extension's (403), or priced otherwise (422). */
const STATUS_OF: Record<string, number> = {
  receipt_user_mismatch: 403,
  receipt_domain_mismatch: 403,
  receipt_sku_unknown: 422,
  receipt_cost_mismatch: 422,
};

function report(token: string, body: unknown) {
  return h.ebs
    .post(EBS_PATHS.bitsTransaction)
    .set("Authorization", `Bearer ${token}`)
    .send(body as object);
}

describe("POST /api/bits/transactions", () => {
  it("announces a verified purchase once, by name with the Bits, and answers a second report with the same action", async () => {
    h = await startHarness();
    const token = h.token({ kind: "identified", userId: VIEWER_ID });
    const first = await report(token, { transactionReceipt: receipt("tx-1") }).expect(202);
    const queued = bitsTransactionAcceptedSchema.parse(first.body);
    expect(queued).toMatchObject({ status: "queued", transactionId: "tx-1", channelId: CHANNEL_ID });
    const status = await h.status(String(queued.actionId), token);
    expect(status).toMatchObject({ status: "sent", text: "Ana cheered 500 Bits: Mega Hype! 🎉" });
    const again = await report(token, { transactionReceipt: receipt("tx-1") }).expect(202);
    expect(bitsTransactionAcceptedSchema.parse(again.body)).toEqual({ ...queued, status: "known" });
    await h.chatSettled();
    expect(h.fake.accepted.map((m) => m.text)).toEqual(["Ana cheered 500 Bits: Mega Hype! 🎉"]);
    await untilAsync(async () => (await h.store.bits.get("tx-1"))?.announced !== undefined);
    expect(await h.store.bits.get("tx-1")).toMatchObject({
      source: "receipt",
      bits: 500,
      announced: { text: "Ana cheered 500 Bits: Mega Hype! 🎉" },
    });
  });

  it("announces two purchases of one viewer as two messages, never merged", async () => {
    h = await startHarness();
    const token = h.token({ kind: "identified", userId: VIEWER_ID });
    const small = BITS_CATALOGUE.bySku("small-cheer")?.product as BitsProduct;
    await report(token, { transactionReceipt: receipt("tx-a") }).expect(202);
    await report(token, { transactionReceipt: receipt("tx-b", VIEWER_ID, small) }).expect(202);
    await until(() => h.fake.accepted.length === 2);
    expect(h.fake.accepted.map((m) => m.text).sort()).toEqual([
      "Ana cheered 500 Bits: Mega Hype! 🎉",
      "Ana sent a Small Cheer (100 Bits)!",
    ]);
  });

  it("refuses each bad receipt with its own 4xx code and sentence, and announces nothing", async () => {
    h = await startHarness();
    const cases = badBitsReceipts({
      secretBase64: h.secretBase64,
      clientId: CLIENT_ID,
      buyerUserId: VIEWER_ID,
      clock: h.clock,
    });
    expect(cases.length).toBeGreaterThan(15);
    for (const bad of cases) {
      const token = h.token(
        bad.viewerUserId === undefined
          ? { kind: "anonymous", userId: "777001" }
          : { kind: "identified", userId: bad.viewerUserId },
      );
      const res = await report(token, { transactionReceipt: bad.receipt });
      expect(res.status, bad.name).toBeGreaterThanOrEqual(400);
      expect(res.status, bad.name).toBeLessThan(500);
      expect(res.status, bad.name).toBe(STATUS_OF[bad.code] ?? 400);
      const error = apiErrorSchema.parse(res.body).error;
      expect(error.code, bad.name).toBe(bad.code);
      expect(error.message.length, bad.name).toBeGreaterThan(20);
    }
    expect(h.fake.accepted).toEqual([]);
  });

  it("refuses another viewer's receipt with 403, a body that is not the contract's with 400, and no token with 401", async () => {
    h = await startHarness();
    const bo = h.token({ kind: "identified", userId: "424243" });
    const res = await report(bo, { transactionReceipt: receipt("tx-9") }).expect(403);
    expect(res.body.error.code).toBe("receipt_user_mismatch");
    const extra = await report(bo, { transactionReceipt: receipt("tx-9"), sku: "x" }).expect(400);
    expect(extra.body.error.code).toBe("body_invalid");
    await report(bo, ["x"]).expect(400);
    const none = await h.ebs.post(EBS_PATHS.bitsTransaction).send({ transactionReceipt: "x" }).expect(401);
    expect(none.body.error.code).toBe("token_missing");
    expect(h.fake.accepted).toEqual([]);
  });

  it("announces after a restart a purchase the last process claimed but never sent, once", async () => {
    const path = join(dir, "restart.sqlite");
    const before = await openSqliteStore(path);
    const entry = {
      transactionId: "tx-lost",
      channelId: CHANNEL_ID,
      userId: VIEWER_ID,
      sku: "mega-hype",
      bits: 500,
      actionId: "2b1f0c56-0000-4000-8000-000000000001",
      source: "receipt" as const,
      claimedAt: "2026-03-01T11:59:00.000Z",
    };
    await before.bits.claim(entry);
    await before.close();
    h = await startHarness({ env: { SQLITE_PATH: path } });
    await until(() => h.fake.accepted.length === 1);
    expect(h.fake.accepted[0]?.text).toBe("Ana cheered 500 Bits: Mega Hype! 🎉");
    await untilAsync(async () => (await h.store.bits.unannounced(10)).length === 0);
    const token = h.token({ kind: "identified", userId: VIEWER_ID });
    const again = await report(token, { transactionReceipt: receipt("tx-lost") }).expect(202);
    expect(again.body).toMatchObject({ status: "known", actionId: entry.actionId });
    await h.close();
    h = await startHarness({ env: { SQLITE_PATH: path } });
    // The ledger holds what chat showed: nothing is queued again by the second start.
    expect(await h.store.bits.unannounced(10)).toEqual([]);
    expect((await h.store.bits.get("tx-lost"))?.announced?.text).toBe("Ana cheered 500 Bits: Mega Hype! 🎉");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.accepted).toEqual([]);
  });
});
