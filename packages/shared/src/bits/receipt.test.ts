import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildViewerClaims } from "../jwt/payloads.ts";
import { signExtensionJwt } from "../jwt/sign.ts";
import { MAX_TOKEN_LENGTH } from "../jwt/verify.ts";
import { createSecretRing, type SecretRing } from "../secrets/ring.ts";
import { forgeJwt } from "../testing/forge.ts";
import { defineBitsCatalogue } from "./catalogue-rules.ts";
import type { BitsProduct } from "./products.ts";
import {
  BITS_RECEIPT_TTL_SECONDS,
  buildBitsReceiptClaims,
  signBitsReceipt,
  type VerifyBitsReceiptOptions,
  verifyBitsReceipt,
} from "./receipt.ts";

const secret = randomBytes(32).toString("base64");
const otherSecret = randomBytes(32).toString("base64");
const NOW = 1_800_000_000_000;
const clock = () => NOW;
const clientId = "abcdefghijklmnopqrstuvwxyz0123";
const megaHype: BitsProduct = {
  sku: "mega-hype",
  displayName: "Mega Hype",
  cost: 500,
  inDevelopment: true,
  broadcast: true,
};
const catalogue = defineBitsCatalogue([{ product: megaHype, chatTemplate: "{viewer} cheered {bits} Bits!" }]);

let ring: SecretRing;
let options: VerifyBitsReceiptOptions;
// Built before each test, not at import: `pnpm mutation` then runs only the tests that reach a mutant.
beforeEach(() => {
  ring = createSecretRing(secret);
  options = { ring, clock, clientId, catalogue, viewerUserId: "200" };
});

function claims() {
  return buildBitsReceiptClaims({ clientId, transactionId: "tx-1", userId: "200", product: megaHype, clock });
}

/** A receipt with these claims, signed with the decoded extension secret as Twitch signs. */
function signed(payload: unknown, key: Buffer | string = Buffer.from(secret, "base64")): string {
  return forgeJwt({ header: { alg: "HS256", typ: "JWT" }, payloadText: JSON.stringify(payload), key });
}

function codeOf(receipt: unknown, overrides: Partial<VerifyBitsReceiptOptions> = {}): string | undefined {
  const result = verifyBitsReceipt(receipt, { ...options, ...overrides });
  return result.ok ? undefined : result.error.code;
}

describe("signBitsReceipt and verifyBitsReceipt", () => {
  it("accepts the receipt the rig signs and answers the purchase priced by the catalogue", () => {
    const receipt = signBitsReceipt(
      { clientId, transactionId: "tx-1", userId: "200", product: megaHype },
      ring,
      clock,
    );
    const result = verifyBitsReceipt(receipt, options);
    expect(result).toEqual({
      ok: true,
      purchase: {
        transactionId: "tx-1",
        time: new Date(NOW).toISOString(),
        userId: "200",
        product: megaHype,
        inDevelopment: true,
      },
      claims: claims(),
      secretIndex: 0,
      buyerIsViewer: true,
    });
  });

  it("writes Twitch's claims: the topic, exp an hour on, ids as strings, the domain and a numeric cost", () => {
    expect(claims()).toEqual({
      topic: "bits_transaction_receipt",
      exp: NOW / 1000 + 3600,
      data: {
        transactionId: "tx-1",
        time: "2027-01-15T08:00:00.000Z",
        userId: "200",
        product: {
          domainId: `twitch.ext.${clientId}`,
          sku: "mega-hype",
          displayName: "Mega Hype",
          cost: { amount: 500, type: "bits" },
          inDevelopment: true,
          broadcast: true,
        },
      },
    });
    expect(
      buildBitsReceiptClaims({
        clientId,
        transactionId: "t",
        userId: "1",
        product: megaHype,
        clock,
        ttlSeconds: 5,
      }).exp,
    ).toBe(NOW / 1000 + 5);
    expect(() =>
      buildBitsReceiptClaims({ clientId, transactionId: "t", userId: "ana", product: megaHype, clock }),
    ).toThrow(/^userId must be a Twitch id/);
    expect(BITS_RECEIPT_TTL_SECONDS).toBe(3600);
  });

  it("signs exactly those claims, HS256 with no iat added", () => {
    const receipt = signBitsReceipt(
      { clientId, transactionId: "tx-1", userId: "200", product: megaHype },
      ring,
      clock,
    );
    const [head, body] = receipt.split(".") as [string, string];
    expect(JSON.parse(Buffer.from(head, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(body, "base64url").toString())).toEqual(claims());
  });

  it("reads a purchase with no inDevelopment flag as a real one", () => {
    const { inDevelopment: _, ...product } = claims().data.product;
    const result = verifyBitsReceipt(signed({ ...claims(), data: { ...claims().data, product } }), options);
    expect(result.ok && result.purchase.inDevelopment).toBe(false);
  });

  it("verifies with every secret during rotation and says which one matched", () => {
    const rotating = createSecretRing([otherSecret, secret]);
    const result = verifyBitsReceipt(signed(claims()), { ...options, ring: rotating });
    expect(result.ok && result.secretIndex).toBe(1);
  });
});

describe("verifyBitsReceipt refuses each bad receipt with its own code and sentence", () => {
  it("nothing sent, or not a string", () => {
    for (const value of [undefined, "", 42, null]) expect(codeOf(value)).toBe("receipt_missing");
    const result = verifyBitsReceipt(undefined, options);
    expect(!result.ok && result.error.message).toMatch(/transactionReceipt/);
  });

  it("a receipt longer than any Twitch signs, refused before parsing", () => {
    expect(codeOf("a".repeat(MAX_TOKEN_LENGTH + 1))).toBe("receipt_too_large");
    expect(codeOf(`${signed(claims())}${"A".repeat(MAX_TOKEN_LENGTH)}`)).toBe("receipt_too_large");
    const atLimit = "a".repeat(MAX_TOKEN_LENGTH);
    expect(codeOf(atLimit)).toBe("receipt_malformed");
    const result = verifyBitsReceipt("a".repeat(MAX_TOKEN_LENGTH + 1), options);
    expect(!result.ok && result.error.message).toBe(
      `The receipt is ${MAX_TOKEN_LENGTH + 1} characters long; Twitch's are far below ${MAX_TOKEN_LENGTH}.`,
    );
  });

  it("not a JWT", () => {
    const result = verifyBitsReceipt("not-a-jwt", options);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "receipt_malformed",
        message: "The receipt is not a JWT: a JWT has 3 parts separated by dots, this has 1.",
      },
    });
  });

  it("another algorithm (none, HS512)", () => {
    const none = forgeJwt({ header: { alg: "none" }, payloadText: JSON.stringify(claims()), key: "x" });
    expect(codeOf(none)).toBe("receipt_algorithm_not_allowed");
    const hs512 = forgeJwt({
      header: { alg: "HS512" },
      payloadText: JSON.stringify(claims()),
      key: Buffer.from(secret, "base64"),
      hash: "sha512",
    });
    const result = verifyBitsReceipt(hs512, options);
    expect(!result.ok && result.error.message).toMatch(/"HS512".*HS256 only/);
    const noAlg = forgeJwt({ header: {}, payloadText: JSON.stringify(claims()), key: "x" });
    expect(!verifyBitsReceipt(noAlg, options).ok && codeOf(noAlg)).toBe("receipt_algorithm_not_allowed");
    const noAlgResult = verifyBitsReceipt(noAlg, options);
    expect(!noAlgResult.ok && noAlgResult.error.message).toMatch(/is null;/);
  });

  it("a bad signature: another extension's secret, a changed payload", () => {
    expect(codeOf(signed(claims(), Buffer.from(otherSecret, "base64")))).toBe("receipt_signature_invalid");
    const [head, , signature] = signed(claims()).split(".");
    const cheaper = Buffer.from(JSON.stringify({ ...claims(), exp: claims().exp + 1 })).toString("base64url");
    const result = verifyBitsReceipt(`${head}.${cheaper}.${signature}`, options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_signature_invalid",
      message:
        "The receipt's signature matches no active extension secret: it was changed, forged, or signed for another extension.",
    });
  });

  it("signed with the base64 text of the secret instead of its bytes", () => {
    const result = verifyBitsReceipt(signed(claims(), secret), options);
    expect(!result.ok && result.error.code).toBe("receipt_signed_with_raw_secret");
    expect(!result.ok && result.error.message).toMatch(/base64-decoded bytes/);
  });

  it("a secret that expired no longer verifies, one not yet active neither", () => {
    const expired = createSecretRing([{ content: secret, expiresAt: NOW }]);
    expect(codeOf(signed(claims()), { ring: expired })).toBe("receipt_signature_invalid");
    const future = createSecretRing([{ content: secret, activeAt: NOW + 1 }]);
    expect(codeOf(signed(claims()), { ring: future })).toBe("receipt_signature_invalid");
  });

  it("claims JSON-encoded twice, or not an object", () => {
    const twice = forgeJwt({
      header: { alg: "HS256" },
      payloadText: JSON.stringify(JSON.stringify(claims())),
      key: Buffer.from(secret, "base64"),
    });
    const result = verifyBitsReceipt(twice, options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_claims_not_object",
      message:
        "The receipt's claims are a JSON string, not an object: they were JSON-encoded before signing.",
    });
    for (const payload of [[claims()], null, 7]) {
      const other = verifyBitsReceipt(signed(payload), options);
      expect(!other.ok && other.error).toEqual({
        code: "receipt_claims_not_object",
        message: "The receipt's claims are not a JSON object.",
      });
    }
  });

  it("exp in milliseconds", () => {
    const result = verifyBitsReceipt(signed({ ...claims(), exp: NOW + 60_000 }), options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_exp_in_milliseconds",
      message: "The receipt's exp is in milliseconds; JWT exp is in seconds since the epoch.",
    });
    // A string exp is not read as milliseconds, however large: the schema refuses it as a wrong type.
    expect(codeOf(signed({ ...claims(), exp: "200000000000" }))).toBe("receipt_claims_invalid");
    // Exactly the threshold still reads as seconds (a date far ahead), so it is not refused as milliseconds.
    expect(codeOf(signed({ ...claims(), exp: 100_000_000_000 }))).toBeUndefined();
  });

  it("the wrong topic, no topic, and a viewer token sent as a receipt", () => {
    const wrong = verifyBitsReceipt(signed({ ...claims(), topic: "bits_transaction" }), options);
    expect(!wrong.ok && wrong.error).toEqual({
      code: "receipt_topic_invalid",
      message: `The receipt's topic is "bits_transaction"; a Bits receipt's is "bits_transaction_receipt".`,
    });
    const { topic: _, ...untopical } = claims();
    const none = verifyBitsReceipt(signed(untopical), options);
    expect(!none.ok && none.error.message).toMatch(/topic is null/);
    const viewerToken = signExtensionJwt(
      buildViewerClaims({ channelId: "100", clock, viewer: { kind: "identified", userId: "200" } }),
      ring,
      clock,
    );
    const token = verifyBitsReceipt(viewerToken, options);
    expect(!token.ok && token.error).toEqual({
      code: "receipt_topic_invalid",
      message:
        'This is an extension token (role "viewer"), not a Bits receipt: send onTransactionComplete\'s transactionReceipt.',
    });
    const roleWithTopic = verifyBitsReceipt(signed({ ...claims(), topic: "x", role: "viewer" }), options);
    expect(!roleWithTopic.ok && roleWithTopic.error.message).toMatch(/topic is "x"/);
  });

  it("numbers where Twitch signs strings, and strings where it signs numbers", () => {
    const c = claims();
    const numericUser = verifyBitsReceipt(signed({ ...c, data: { ...c.data, userId: 200 } }), options);
    expect(!numericUser.ok && numericUser.error).toEqual({
      code: "receipt_id_not_string",
      message: 'data.userId is the number 200; Twitch signs ids as strings ("200").',
    });
    const stringCost = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, cost: { amount: "500", type: "bits" } } },
    };
    const long = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, cost: { amount: "5".repeat(30), type: "bits" } } },
    };
    const longCost = verifyBitsReceipt(signed(long), options);
    expect(!longCost.ok && longCost.error.message).toMatch(/is the string "5{20}";/);
    const cost = verifyBitsReceipt(signed(stringCost), options);
    expect(!cost.ok && cost.error).toEqual({
      code: "receipt_cost_not_number",
      message:
        'data.product.cost.amount is the string "500"; in a receipt Twitch signs it as a number (only getProducts shows it as a string).',
    });
  });

  it("claims of the wrong shape: no data, no transaction id, a cost type other than bits, a bad time", () => {
    const c = claims();
    const noData = verifyBitsReceipt(signed({ topic: c.topic, exp: c.exp }), options);
    expect(!noData.ok && noData.error).toEqual({
      code: "receipt_claims_invalid",
      message: `The receipt's claims are wrong: "data" is missing.`,
    });
    const { transactionId: _, ...noId } = c.data;
    const missingId = verifyBitsReceipt(signed({ ...c, data: noId }), options);
    expect(!missingId.ok && missingId.error.message).toMatch(/"data.transactionId" is missing/);
    const coins = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, cost: { amount: 500, type: "coins" } } },
    };
    const type = verifyBitsReceipt(signed(coins), options);
    expect(!type.ok && type.error.message).toMatch(/"data.product.cost.type" has a value Twitch never signs/);
    const time = verifyBitsReceipt(signed({ ...c, data: { ...c.data, time: "yesterday" } }), options);
    expect(!time.ok && time.error.message).toMatch(/"data.time" is invalid \(/);
    const userText = verifyBitsReceipt(signed({ ...c, data: { ...c.data, userId: "ana" } }), options);
    expect(!userText.ok && userText.error.code).toBe("receipt_claims_invalid");
    const numericId = verifyBitsReceipt(signed({ ...c, data: { ...c.data, transactionId: 5 } }), options);
    expect(!numericId.ok && numericId.error.message).toMatch(/"data.transactionId" is invalid \(/);
    const nullData = verifyBitsReceipt(signed({ ...c, data: null }), options);
    expect(!nullData.ok && nullData.error.message).toMatch(/"data" is invalid/);
    const noType = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, cost: { amount: 500 } } },
    };
    const missingType = verifyBitsReceipt(signed(noType), options);
    expect(!missingType.ok && missingType.error.message).toMatch(/"data.product.cost.type" is missing/);
  });

  it("expired, within the leeway, and with a leeway of its own", () => {
    const expiredAt = NOW / 1000 - 30;
    const result = verifyBitsReceipt(signed({ ...claims(), exp: expiredAt }), options);
    expect(!result.ok && result.error.code).toBe("receipt_expired");
    expect(!result.ok && result.error.message).toMatch(/^The receipt expired 30 s ago/);
    expect(codeOf(signed({ ...claims(), exp: NOW / 1000 - 9 }))).toBeUndefined();
    expect(codeOf(signed({ ...claims(), exp: NOW / 1000 - 10 }))).toBe("receipt_expired");
    expect(codeOf(signed({ ...claims(), exp: NOW / 1000 - 30 }), { leewaySeconds: 60 })).toBeUndefined();
  });

  it("another extension's product domain", () => {
    const c = claims();
    const other = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, domainId: "twitch.ext.someoneelse" } },
    };
    const result = verifyBitsReceipt(signed(other), options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_domain_mismatch",
      message: `The receipt's product domain is "twitch.ext.someoneelse", not this extension's "twitch.ext.${clientId}": it was bought in another extension.`,
    });
    const longDomain = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, domainId: "d".repeat(100) } },
    };
    const long = verifyBitsReceipt(signed(longDomain), options);
    expect(!long.ok && long.error.message).toMatch(/domain is "d{80}", not/);
  });

  it("a SKU not in the catalogue", () => {
    const c = claims();
    const unknown = { ...c, data: { ...c.data, product: { ...c.data.product, sku: "free-hype" } } };
    const result = verifyBitsReceipt(signed(unknown), options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_sku_unknown",
      message:
        'The SKU "free-hype" is not in the catalogue: add it to the catalogue (and sync it) or remove it from Twitch.',
    });
    const longSku = { ...c, data: { ...c.data, product: { ...c.data.product, sku: "s".repeat(100) } } };
    const long = verifyBitsReceipt(signed(longSku), options);
    expect(!long.ok && long.error.message).toMatch(/^The SKU "s{80}" is not/);
  });

  it("a cost that differs from the catalogue's", () => {
    const c = claims();
    const cheap = {
      ...c,
      data: { ...c.data, product: { ...c.data.product, cost: { amount: 1, type: "bits" } } },
    };
    const result = verifyBitsReceipt(signed(cheap), options);
    expect(!result.ok && result.error).toEqual({
      code: "receipt_cost_mismatch",
      message:
        'The receipt says 1 Bits for "mega-hype" but the catalogue says 500: run the products sync so Twitch and the catalogue agree.',
    });
  });

  it("a viewer who has not shared identity: verified, but marked as not tied to the viewer; another viewer's receipt refused", () => {
    const anonymous = verifyBitsReceipt(signed(claims()), { ...options, viewerUserId: undefined });
    expect(anonymous.ok && anonymous.buyerIsViewer).toBe(false);
    expect(anonymous.ok && anonymous.purchase.userId).toBe("200");
    const own = verifyBitsReceipt(signed(claims()), options);
    expect(own.ok && own.buyerIsViewer).toBe(true);
    const other = verifyBitsReceipt(signed(claims()), { ...options, viewerUserId: "300" });
    expect(!other.ok && other.error).toEqual({
      code: "receipt_user_mismatch",
      message:
        "The receipt is user 200's purchase but the viewer token is user 300's: a viewer can only report their own purchases.",
    });
  });

  it("a replayed receipt still verifies: the ledger, keyed by transactionId, refuses its second use", () => {
    const receipt = signed(claims());
    const first = verifyBitsReceipt(receipt, options);
    const again = verifyBitsReceipt(receipt, options);
    expect(first.ok && again.ok && first.purchase.transactionId === again.purchase.transactionId).toBe(true);
  });
});
