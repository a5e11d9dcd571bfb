import { randomBytes } from "node:crypto";
import type { BitsReceiptErrorCode } from "../api/error-codes.ts";
import { BITS_CATALOGUE } from "../bits/catalogue.ts";
import type { BitsProduct } from "../bits/products.ts";
import { buildBitsReceiptClaims } from "../bits/receipt.ts";
import type { Clock } from "../clock.ts";
import { buildViewerClaims } from "../jwt/payloads.ts";
import { MAX_TOKEN_LENGTH } from "../jwt/verify.ts";
import { forgeJwt } from "./forge.ts";

export interface BadReceiptCase {
  name: string;
  /** What the panel would send as `transactionReceipt` (not always a string: a slip sends something else). */
  receipt: unknown;
  /** The `user_id` of the viewer token sending it; undefined: identity not shared. */
  viewerUserId: string | undefined;
  code: BitsReceiptErrorCode;
}

/**
 * The catalogue of Bits receipts an EBS must refuse, each with the code that names its cause: forged,
 * changed, expired, another extension's, another viewer's, priced differently from the catalogue, numbers
 * where Twitch signs strings and the reverse. For the shared package's tests and the EBS's receipt route.
 * `product` must be in the catalogue the verifier is given (default: the repository's first product).
 */
export function badBitsReceipts(input: {
  secretBase64: string;
  clientId: string;
  buyerUserId: string;
  clock: Clock;
  product?: BitsProduct;
}): BadReceiptCase[] {
  const key = Buffer.from(input.secretBase64, "base64");
  const product = input.product ?? (BITS_CATALOGUE.products()[0] as BitsProduct);
  const buyer = input.buyerUserId;
  const good = buildBitsReceiptClaims({
    clientId: input.clientId,
    transactionId: "bad-receipt-tx",
    userId: buyer,
    product,
    clock: input.clock,
  });
  const hs256 = { alg: "HS256", typ: "JWT" };
  const sign = (claims: unknown, signingKey: Buffer | string = key) =>
    forgeJwt({ header: hs256, payloadText: JSON.stringify(claims), key: signingKey });
  const withProduct = (patch: Record<string, unknown>) =>
    sign({ ...good, data: { ...good.data, product: { ...good.data.product, ...patch } } });
  const valid = sign(good);
  const [head, , signature] = valid.split(".");
  const cheaper = Buffer.from(
    JSON.stringify({ ...good, data: { ...good.data, product: { ...good.data.product, sku: "x" } } }),
  ).toString("base64url");
  const nowSeconds = Math.floor(input.clock() / 1000);
  const viewerToken = sign(
    buildViewerClaims({ channelId: "1", clock: input.clock, viewer: { kind: "identified", userId: buyer } }),
  );
  const other = (code: BitsReceiptErrorCode, name: string, receipt: unknown, viewerUserId = buyer) => ({
    name,
    receipt,
    viewerUserId,
    code,
  });

  return [
    other("receipt_missing", "no receipt", undefined),
    other("receipt_missing", "an empty string", ""),
    other("receipt_missing", "the transaction object instead of its receipt", { transactionReceipt: valid }),
    other("receipt_too_large", "longer than any receipt", `${valid}${"A".repeat(MAX_TOKEN_LENGTH)}`),
    other("receipt_malformed", "not a JWT", "receipt"),
    other(
      "receipt_algorithm_not_allowed",
      "alg none",
      forgeJwt({ header: { alg: "none" }, payloadText: JSON.stringify(good), key: "x" }),
    ),
    other("receipt_signature_invalid", "signed with another extension's secret", sign(good, randomBytes(32))),
    other("receipt_signature_invalid", "a payload changed after signing", `${head}.${cheaper}.${signature}`),
    other(
      "receipt_signed_with_raw_secret",
      "signed with the secret's base64 text",
      sign(good, input.secretBase64),
    ),
    other(
      "receipt_claims_not_object",
      "claims encoded twice",
      forgeJwt({ header: hs256, payloadText: JSON.stringify(JSON.stringify(good)), key }),
    ),
    other("receipt_exp_in_milliseconds", "exp in milliseconds", sign({ ...good, exp: good.exp * 1000 })),
    other("receipt_topic_invalid", "the wrong topic", sign({ ...good, topic: "bits_transaction" })),
    other("receipt_topic_invalid", "a viewer token sent as a receipt", viewerToken),
    other(
      "receipt_id_not_string",
      "the user id as a number",
      sign({ ...good, data: { ...good.data, userId: Number(buyer) } }),
    ),
    other(
      "receipt_cost_not_number",
      "the cost as a string",
      withProduct({ cost: { amount: String(product.cost), type: "bits" } }),
    ),
    other(
      "receipt_claims_invalid",
      "no transaction id",
      sign({ ...good, data: { ...good.data, transactionId: undefined } }),
    ),
    other(
      "receipt_claims_invalid",
      "a cost in something other than Bits",
      withProduct({ cost: { amount: product.cost, type: "coins" } }),
    ),
    other("receipt_expired", "expired a minute ago", sign({ ...good, exp: nowSeconds - 60 })),
    other(
      "receipt_domain_mismatch",
      "another extension's product",
      withProduct({ domainId: "twitch.ext.anotherextension0000000000000" }),
    ),
    other("receipt_sku_unknown", "a SKU not in the catalogue", withProduct({ sku: "not-in-the-catalogue" })),
    other(
      "receipt_cost_mismatch",
      "a cost changed from the catalogue's",
      withProduct({ cost: { amount: product.cost + 1, type: "bits" } }),
    ),
    other("receipt_user_mismatch", "another viewer's purchase", valid, `${buyer}9`),
  ] as BadReceiptCase[];
}
