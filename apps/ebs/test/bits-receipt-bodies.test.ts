import { EBS_PATHS } from "@ext/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, VIEWER_ID } from "./support/harness.ts";

/** What the receipt route answers to bodies that are not `{"transactionReceipt": "..."}`, through HTTP. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const CONTRACT =
  'The body must be {"transactionReceipt":"<the receipt onTransactionComplete gave>"} as JSON, and nothing else.';

function report(body: string, contentType = "application/json") {
  return h.ebs
    .post(EBS_PATHS.bitsTransaction)
    .set("Authorization", `Bearer ${h.token({ kind: "identified", userId: VIEWER_ID })}`)
    .set("Content-Type", contentType)
    .send(body);
}

describe("POST /api/bits/transactions with a body that is not the contract's", () => {
  it("refuses an array, an object with other keys and a body that is not JSON at all with 400 body_invalid and the contract", async () => {
    for (const [body, contentType] of [
      ["[]", "application/json"],
      ['["x"]', "application/json"],
      ['{"transactionReceipt":"x","sku":"mega-hype"}', "application/json"],
      ['{"receipt":"x"}', "application/json"],
      ["transactionReceipt=x", "text/plain"],
    ] as const) {
      const res = await report(body, contentType);
      expect([res.status, res.body.error?.code, res.body.error?.message], body).toEqual([
        400,
        "body_invalid",
        CONTRACT,
      ]);
    }
  });

  it("hands an object with only a bad transactionReceipt to the verifier, whose code names the cause", async () => {
    const cases = [
      ["{}", "receipt_missing"],
      ['{"transactionReceipt":""}', "receipt_missing"],
      ['{"transactionReceipt":42}', "receipt_missing"],
      [JSON.stringify({ transactionReceipt: "x".repeat(8193) }), "receipt_too_large"],
    ] as const;
    for (const [body, code] of cases) {
      const res = await report(body);
      expect([res.status, res.body.error?.code], body.slice(0, 40)).toEqual([400, code]);
    }
    expect(h.fake.accepted).toEqual([]);
  });
});
