import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bitsReceiptErrorCodes } from "../api/error-codes.ts";
import { BITS_CATALOGUE } from "../bits/catalogue.ts";
import { verifyBitsReceipt } from "../bits/receipt.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { badBitsReceipts } from "./bad-receipts.ts";

const secret = randomBytes(32).toString("base64");
const clock = () => 1_800_000_000_000;
const clientId = "abcdefghijklmnopqrstuvwxyz0123";
const cases = badBitsReceipts({ secretBase64: secret, clientId, buyerUserId: "200", clock });

describe("the catalogue of Bits receipts an EBS must refuse", () => {
  it("covers every receipt refusal code", () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(bitsReceiptErrorCodes));
  });

  it.each(cases)("refuses $name with $code", ({ receipt, viewerUserId, code }) => {
    const result = verifyBitsReceipt(receipt, {
      ring: createSecretRing(secret),
      clock,
      clientId,
      catalogue: BITS_CATALOGUE,
      viewerUserId,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});
