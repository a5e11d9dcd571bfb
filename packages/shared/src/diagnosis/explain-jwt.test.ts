import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBitsReceipt } from "../bits/receipt.ts";
import { buildExternalChatClaims, buildViewerClaims } from "../jwt/payloads.ts";
import { signExtensionJwt } from "../jwt/sign.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { forgeJwt } from "../testing/forge.ts";
import { explainExtensionJwt } from "./explain-jwt.ts";
import { durationInWords, expiryInWords } from "./time-words.ts";

const secret = randomBytes(32).toString("base64");
const other = randomBytes(32).toString("base64");
const now = Date.parse("2026-03-01T12:00:00Z");
const clock = () => now;
const owner = "100000001";
const channel = "200000001";
const clientSecret = "qrstuvwxyz0123456789qrstuvwxyz";
const hs256 = { alg: "HS256", typ: "JWT" };
const external = buildExternalChatClaims({ ownerUserId: owner, channelId: channel, clock });

function explain(token: string, secrets: string[] = [secret]) {
  const result = explainExtensionJwt({
    token,
    secrets,
    clientId: "abcdefghij0123456789abcdefghij",
    ownerUserId: owner,
    clientSecret,
    clock,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.explanation;
}

function codes(token: string, secrets?: string[]) {
  return explain(token, secrets).findings.map((f) => f.code);
}

describe("expiry in words", () => {
  it("says how long until or since expiry in the largest sensible unit", () => {
    expect(expiryInWords(1000 + 42 * 60, 1000)).toBe("expires in 42 minutes");
    expect(expiryInWords(1000 - 3 * 3600, 1000)).toBe("expired 3 hours ago");
    expect(expiryInWords(1001, 1000)).toBe("expires in 1 second");
    expect(durationInWords(5 * 86400)).toBe("5 days");
  });
});

describe("explainExtensionJwt", () => {
  it("accepts a correct external JWT and names its kind, claims, types and the owner", () => {
    const e = explain(signExtensionJwt(external, createSecretRing(secret), clock));
    expect(e.verdict.ok).toBe(true);
    expect(e.findings).toEqual([]);
    expect(e.kind).toMatch(/external JWT/);
    expect(e.secrets).toEqual([{ position: 1, matches: "decoded" }]);
    expect(e.claims.find((c) => c.name === "user_id")).toMatchObject({
      type: "string",
      note: "the extension owner (TWITCH_OWNER_ID)",
    });
    expect(e.expiry?.words).toBe("expires in 60 seconds");
  });

  it("names the secret whose raw base64 text signed the token", () => {
    const token = forgeJwt({
      header: hs256,
      payloadText: JSON.stringify(external),
      key: Buffer.from(secret, "utf8"),
    });
    const e = explain(token, [other, secret]);
    expect(e.secrets).toEqual([
      { position: 1, matches: "none" },
      { position: 2, matches: "raw" },
    ]);
    expect(e.findings.map((f) => f.message).join(" ")).toContain("raw base64 text of secret #2");
    expect(e.verdict).toMatchObject({ ok: false, code: "signed_with_raw_secret" });
  });

  it("recognises the OAuth client secret used as the key", () => {
    const token = forgeJwt({ header: hs256, payloadText: JSON.stringify(external), key: clientSecret });
    expect(codes(token)).toContain("signed_with_client_secret");
    expect(explain(token).verdict).toMatchObject({ ok: false, code: "signed_with_client_secret" });
  });

  it("shows the claims of a token whose claims were JSON-encoded twice, and says so", () => {
    const token = forgeJwt({
      header: hs256,
      payloadText: JSON.stringify(JSON.stringify(external)),
      key: Buffer.from(secret, "base64"),
    });
    const e = explain(token);
    expect(e.claimsEncoding).toBe("string");
    expect(e.claims.map((c) => c.name)).toContain("channel_id");
    expect(e.findings[0]?.code).toBe("claims_encoded_twice");
    expect(e.verdict).toMatchObject({ ok: false, code: "claims_encoded_twice" });
  });

  it("flags number ids with the string Twitch wants", () => {
    const token = forgeJwt({
      header: hs256,
      payloadText: JSON.stringify({ ...external, user_id: Number(owner), channel_id: Number(channel) }),
      key: Buffer.from(secret, "base64"),
    });
    const e = explain(token);
    expect(e.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["user_id_not_string", "channel_id_not_string"]),
    );
    expect(e.claims.find((c) => c.name === "channel_id")).toMatchObject({ type: "number" });
    expect(e.verdict).toMatchObject({ ok: false, code: "user_id_not_string" });
  });

  it("says when the channel's id was used as user_id instead of the owner's", () => {
    const token = signExtensionJwt({ ...external, user_id: channel }, createSecretRing(secret), clock);
    const finding = explain(token).findings.find((f) => f.code === "user_id_not_owner");
    expect(finding?.message).toContain("(the channel's id)");
    expect(finding?.message).toContain(owner);
  });

  it("puts an expired viewer token's age in words and gives the EBS's refusal", () => {
    const claims = buildViewerClaims({
      channelId: channel,
      clock: () => now - 4 * 3600 * 1000,
      viewer: { kind: "anonymous", userId: "424242" },
    });
    const e = explain(signExtensionJwt(claims, createSecretRing(secret), clock));
    expect(e.expiry?.words).toBe("expired 3 hours ago");
    expect(e.kind).toMatch(/frontend token/);
    expect(e.verdict).toMatchObject({ ok: false, code: "token_expired" });
  });

  it("flags exp in milliseconds", () => {
    const token = signExtensionJwt({ ...external, exp: now + 60_000 }, createSecretRing(secret), clock);
    expect(codes(token)).toContain("exp_in_milliseconds");
  });

  it("refuses to explain something that is not a JWT, saying why", () => {
    const result = explainExtensionJwt({ token: "abc.def", secrets: [secret], clock });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("3 parts") });
  });
});

describe("explaining a Bits receipt", () => {
  const clientId = "abcdefghij0123456789abcdefghij";
  const receipt = (product = { sku: "mega-hype", cost: 500 }) =>
    signBitsReceipt(
      {
        clientId,
        transactionId: "tx-9",
        userId: "51000001",
        product: { ...product, displayName: "Mega Hype", inDevelopment: true, broadcast: true },
      },
      createSecretRing(secret),
      clock,
    );

  it("names it a receipt and says the EBS would accept it, for which product and buyer", () => {
    const explanation = explain(receipt());
    expect(explanation.kind).toMatch(/^Bits transaction receipt from onTransactionComplete/);
    expect(explanation.claims.find((c) => c.name === "topic")?.note).toBe("a Bits transaction receipt");
    expect(explanation.claims.find((c) => c.name === "data")?.note).toMatch(/^the purchase/);
    expect(explanation.findings.map((f) => f.code)).toEqual([]);
    expect(explanation.verdict).toEqual({
      ok: true,
      message:
        "The EBS would accept this receipt for \"mega-hype\" (500 Bits, transaction tx-9) when the viewer token that sends it is user 51000001's; from a viewer who has not shared identity, once Get Extension Transactions confirms the transaction in that token's channel.",
    });
  });

  it("gives the receipt's refusal: a cost changed from the catalogue's, another secret", () => {
    const cheap = explain(receipt({ sku: "mega-hype", cost: 5 }));
    expect(cheap.verdict).toMatchObject({ ok: false, code: "receipt_cost_mismatch" });
    expect(explain(receipt(), [other]).verdict).toMatchObject({
      ok: false,
      code: "receipt_signature_invalid",
    });
    const wrongTopic = forgeJwt({
      header: hs256,
      payloadText: JSON.stringify({ topic: "bits", exp: now / 1000 + 60 }),
      key: Buffer.from(secret, "base64"),
    });
    expect(explain(wrongTopic).claims.find((c) => c.name === "topic")?.note).toMatch(
      /bits_transaction_receipt/,
    );
  });
});
