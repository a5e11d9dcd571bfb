import jwt from "jsonwebtoken";
import type * as z from "zod/mini";
import type { BitsReceiptErrorCode } from "../api/error-codes.ts";
import { type Clock, epochSeconds } from "../clock.ts";
import { decodeJwt } from "../jwt/decode.ts";
import { EXP_MILLISECONDS_THRESHOLD, hs256SignatureMatches } from "../jwt/hs256.ts";
import { MAX_TOKEN_LENGTH } from "../jwt/verify.ts";
import { type SecretRing, signingSecret, verifyingSecrets } from "../secrets/ring.ts";
import { assertTwitchId } from "../twitch/ids.ts";
import type { BitsCatalogue } from "./catalogue-rules.ts";
import { type BitsProduct, bitsDomainFor } from "./products.ts";
import { BITS_RECEIPT_TOPIC, type BitsReceiptClaims, bitsReceiptClaimsSchema } from "./receipt-claims.ts";

/** How long the receipts the rig signs stay valid (Twitch's own are short-lived: verify them at once). */
export const BITS_RECEIPT_TTL_SECONDS = 60 * 60;

export interface BitsReceiptError {
  code: BitsReceiptErrorCode;
  /** One sentence for a developer: the cause and what to change. */
  message: string;
}

/** A receipt that passed every check: the purchase as the catalogue prices it. */
export interface VerifiedBitsPurchase {
  transactionId: string;
  /** When Twitch recorded the purchase (ISO 8601). */
  time: string;
  userId: string;
  /** The catalogue's product (its cost equals the receipt's). */
  product: BitsProduct;
  /** The receipt's own `inDevelopment` flag (loopback or test purchases spend no Bits). */
  inDevelopment: boolean;
}

export type BitsReceiptResult =
  | {
      ok: true;
      purchase: VerifiedBitsPurchase;
      claims: BitsReceiptClaims;
      secretIndex: number;
      /**
       * True when the viewer token's `user_id` is the buyer. False when the viewer has not shared identity:
       * nothing ties the receipt to this viewer, and a receipt names no channel (a broadcast product's reaches
       * every viewer's frame), so the EBS must confirm the purchase and its channel with Twitch first.
       */
      buyerIsViewer: boolean;
    }
  | { ok: false; error: BitsReceiptError };

export interface VerifyBitsReceiptOptions {
  ring: SecretRing;
  clock: Clock;
  /** This extension's client id: the receipt's product domain must be `twitch.ext.<clientId>`. */
  clientId: string;
  /** The repository's catalogue: the SKU must be in it and cost what it says. */
  catalogue: Pick<BitsCatalogue, "bySku">;
  /**
   * The `user_id` of the verified viewer token that sent the receipt; undefined when identity is not shared
   * (the receipt then verifies with `buyerIsViewer: false`).
   */
  viewerUserId: string | undefined;
  /** Clock drift tolerated on `exp`, in seconds. */
  leewaySeconds?: number;
}

function fail(code: BitsReceiptErrorCode, message: string): BitsReceiptResult {
  return { ok: false, error: { code, message } };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".");
  if (issue.input === undefined) return `"${field}" is missing`;
  if (issue.code === "invalid_value") return `"${field}" has a value Twitch never signs`;
  return `"${field}" is invalid (${issue.message})`;
}

function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/**
 * Verifies the `transactionReceipt` of `onTransactionComplete` as an EBS must before it believes a purchase:
 * HS256 with an active extension secret (decoded, not its base64 text), topic `bits_transaction_receipt`, not
 * expired, the product's domain this extension's, the SKU in the catalogue at the catalogue's cost, ids as
 * strings, and the buyer the viewer whose token sent it (when that token has a `user_id`; otherwise the result
 * says `buyerIsViewer: false`). One code and one sentence per cause. A replayed receipt passes here: the
 * ledger refuses the second use of its `transactionId`.
 */
export function verifyBitsReceipt(receipt: unknown, options: VerifyBitsReceiptOptions): BitsReceiptResult {
  if (typeof receipt !== "string" || receipt.length === 0) {
    return fail(
      "receipt_missing",
      "No receipt was sent: send the transactionReceipt string onTransactionComplete gave the frontend.",
    );
  }
  if (receipt.length > MAX_TOKEN_LENGTH) {
    return fail(
      "receipt_too_large",
      `The receipt is ${receipt.length} characters long; Twitch's are far below ${MAX_TOKEN_LENGTH}.`,
    );
  }
  const decoded = decodeJwt(receipt);
  if (!decoded.ok) return fail("receipt_malformed", `The receipt is not a JWT: ${decoded.reason}.`);
  const { header, payload, signingInput, signature } = decoded.jwt;
  if (header.alg !== "HS256") {
    return fail(
      "receipt_algorithm_not_allowed",
      `The receipt's algorithm is ${JSON.stringify(header.alg ?? null)}; Twitch signs receipts with HS256 only.`,
    );
  }
  const secrets = verifyingSecrets(options.ring, options.clock);
  const match = secrets.find((s) => hs256SignatureMatches(signingInput, signature, s.key));
  if (!match) {
    if (secrets.some((s) => hs256SignatureMatches(signingInput, signature, s.rawKey))) {
      return fail(
        "receipt_signed_with_raw_secret",
        "The receipt was signed with the extension secret's base64 text; Twitch signs with the base64-decoded bytes.",
      );
    }
    return fail(
      "receipt_signature_invalid",
      "The receipt's signature matches no active extension secret: it was changed, forged, or signed for another extension.",
    );
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return fail(
      "receipt_claims_not_object",
      typeof payload === "string"
        ? "The receipt's claims are a JSON string, not an object: they were JSON-encoded before signing."
        : "The receipt's claims are not a JSON object.",
    );
  }
  const claims = payload as Record<string, unknown>;
  if (typeof claims.exp === "number" && claims.exp > EXP_MILLISECONDS_THRESHOLD) {
    return fail(
      "receipt_exp_in_milliseconds",
      "The receipt's exp is in milliseconds; JWT exp is in seconds since the epoch.",
    );
  }
  if (claims.topic !== BITS_RECEIPT_TOPIC) {
    return fail(
      "receipt_topic_invalid",
      claims.topic === undefined && typeof claims.role === "string"
        ? `This is an extension token (role "${claims.role}"), not a Bits receipt: send onTransactionComplete's transactionReceipt.`
        : `The receipt's topic is ${JSON.stringify(claims.topic ?? null)}; a Bits receipt's is "${BITS_RECEIPT_TOPIC}".`,
    );
  }
  const userId = at(claims, "data", "userId");
  if (typeof userId === "number") {
    return fail(
      "receipt_id_not_string",
      `data.userId is the number ${userId}; Twitch signs ids as strings ("${userId}").`,
    );
  }
  const amount = at(claims, "data", "product", "cost", "amount");
  if (typeof amount === "string") {
    return fail(
      "receipt_cost_not_number",
      `data.product.cost.amount is the string ${JSON.stringify(amount.slice(0, 20))}; in a receipt Twitch signs it as a number (only getProducts shows it as a string).`,
    );
  }
  const parsed = bitsReceiptClaimsSchema.safeParse(claims, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0] as z.core.$ZodIssue;
    return fail("receipt_claims_invalid", `The receipt's claims are wrong: ${describeIssue(first)}.`);
  }
  const valid = parsed.data;
  const now = options.clock() / 1000;
  if (valid.exp + (options.leewaySeconds ?? 10) <= now) {
    return fail(
      "receipt_expired",
      `The receipt expired ${Math.round(now - valid.exp)} s ago: send it to the EBS as soon as onTransactionComplete fires (reconciliation announces the purchase anyway).`,
    );
  }
  const { product } = valid.data;
  const domain = bitsDomainFor(options.clientId);
  if (product.domainId !== domain) {
    return fail(
      "receipt_domain_mismatch",
      `The receipt's product domain is ${JSON.stringify(product.domainId.slice(0, 80))}, not this extension's "${domain}": it was bought in another extension.`,
    );
  }
  const entry = options.catalogue.bySku(product.sku);
  if (!entry) {
    return fail(
      "receipt_sku_unknown",
      `The SKU ${JSON.stringify(product.sku.slice(0, 80))} is not in the catalogue: add it to the catalogue (and sync it) or remove it from Twitch.`,
    );
  }
  if (product.cost.amount !== entry.product.cost) {
    return fail(
      "receipt_cost_mismatch",
      `The receipt says ${product.cost.amount} Bits for "${product.sku}" but the catalogue says ${entry.product.cost}: run the products sync so Twitch and the catalogue agree.`,
    );
  }
  if (options.viewerUserId !== undefined && valid.data.userId !== options.viewerUserId) {
    return fail(
      "receipt_user_mismatch",
      `The receipt is user ${valid.data.userId}'s purchase but the viewer token is user ${options.viewerUserId}'s: a viewer can only report their own purchases.`,
    );
  }
  return {
    ok: true,
    purchase: {
      transactionId: valid.data.transactionId,
      time: valid.data.time,
      userId: valid.data.userId,
      product: { ...entry.product },
      inDevelopment: product.inDevelopment ?? false,
    },
    claims: valid,
    secretIndex: match.index,
    buyerIsViewer: options.viewerUserId !== undefined,
  };
}

/** The claims of a receipt for one purchase, as Twitch writes them. */
export function buildBitsReceiptClaims(input: {
  clientId: string;
  transactionId: string;
  userId: string;
  product: BitsProduct;
  clock: Clock;
  ttlSeconds?: number;
}): BitsReceiptClaims {
  const { product, clock } = input;
  return {
    topic: BITS_RECEIPT_TOPIC,
    exp: epochSeconds(clock) + (input.ttlSeconds ?? BITS_RECEIPT_TTL_SECONDS),
    data: {
      transactionId: input.transactionId,
      time: new Date(clock()).toISOString(),
      userId: assertTwitchId(input.userId, "userId"),
      product: {
        domainId: bitsDomainFor(input.clientId),
        sku: product.sku,
        displayName: product.displayName,
        cost: { amount: product.cost, type: "bits" },
        inDevelopment: product.inDevelopment,
        broadcast: product.broadcast,
      },
    },
  };
}

/**
 * Signs a receipt as Twitch does (HS256 with the decoded secret Twitch signs with now). The rig signs the
 * receipts of its purchases with it; an EBS never signs one.
 */
export function signBitsReceipt(
  input: Omit<Parameters<typeof buildBitsReceiptClaims>[0], "clock">,
  ring: SecretRing,
  clock: Clock,
): string {
  const claims = buildBitsReceiptClaims({ ...input, clock });
  return jwt.sign(claims, signingSecret(ring, clock).key, { algorithm: "HS256", noTimestamp: true });
}
