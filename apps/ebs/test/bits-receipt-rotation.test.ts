import { randomBytes } from "node:crypto";
import { BITS_CATALOGUE, type BitsProduct, EBS_PATHS } from "@ext/shared";
import { createSecretRing, signBitsReceipt } from "@ext/shared/server";
import { badBitsReceipts } from "@ext/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ID, type Harness, startHarness, VIEWER_ID } from "./support/harness.ts";
import { until } from "./support/until.ts";

/**
 * The receipt route when Twitch rotates the extension secret (TWITCH_SECRETS_SYNC=1): a receipt signed with
 * a secret the EBS does not hold yet makes it read the secrets again, and only such a receipt does.
 */
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const megaHype = BITS_CATALOGUE.bySku("mega-hype")?.product as BitsProduct;

function report(token: string, receipt: unknown) {
  return h.ebs
    .post(EBS_PATHS.bitsTransaction)
    .set("Authorization", `Bearer ${token}`)
    .send({ transactionReceipt: receipt });
}

describe("POST /api/bits/transactions while Twitch rotates the secret", () => {
  it("reads the secrets again after a receipt signed with a newer secret, never after another refusal, then accepts it", async () => {
    h = await startHarness({ env: { TWITCH_SECRETS_SYNC: "1" } });
    expect(h.fake.secretsReads).toBe(1);
    // Past the minimum gap between two reads, so a read may happen at once.
    h.advance(61_000);
    const token = h.token({ kind: "identified", userId: VIEWER_ID });

    const others = badBitsReceipts({
      secretBase64: h.secretBase64,
      clientId: CLIENT_ID,
      buyerUserId: VIEWER_ID,
      clock: h.clock,
    }).filter((bad) => bad.code !== "receipt_signature_invalid");
    expect(others.length).toBeGreaterThan(10);
    for (const bad of others) {
      const viewer =
        bad.viewerUserId === undefined
          ? h.token({ kind: "anonymous", userId: "777001" })
          : h.token({ kind: "identified", userId: bad.viewerUserId });
      const res = await report(viewer, bad.receipt);
      expect(res.body.error?.code, bad.name).toBe(bad.code);
    }

    // Twitch rotates after those refusals: had any of them made the EBS read the secrets, it would have read
    // the old ones and could not read again within the minute, so the new receipt would stay refused.
    const rotated = randomBytes(32).toString("base64");
    h.fake.rotateSecret(rotated);
    const receipt = signBitsReceipt(
      { clientId: CLIENT_ID, transactionId: "tx-rotated", userId: VIEWER_ID, product: megaHype },
      createSecretRing(rotated),
      h.clock,
    );
    const refused = await report(token, receipt).expect(400);
    expect(refused.body.error.code).toBe("receipt_signature_invalid");
    await until(() =>
      h.logLines().some((l) => l.event === "secrets_synced" && l.reason === "signature_invalid"),
    );
    expect(h.fake.secretsReads).toBe(2);

    const accepted = await report(token, receipt).expect(202);
    expect(accepted.body).toMatchObject({ status: "queued", transactionId: "tx-rotated" });
    await until(() => h.fake.accepted.length === 1);
    expect(h.fake.accepted.map((m) => m.text)).toEqual(["Ana cheered 500 Bits: Mega Hype! 🎉"]);
    expect(h.fake.secretsReads).toBe(2);
  });
});
