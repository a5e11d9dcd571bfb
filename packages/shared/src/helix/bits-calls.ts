import { z } from "zod";
import {
  type BitsProduct,
  bitsProductSchema,
  helixBitsProductSchema,
  toHelixBitsProduct,
} from "../bits/products.ts";
import { BITS_TRANSACTION_EVENT, eventSubSubscriptionSchema } from "../eventsub/messages.ts";
import { EVENTSUB_SECRET_MAX, EVENTSUB_SECRET_MIN } from "../eventsub/signature.ts";
import { TWITCH } from "../twitch/constants.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import type { HelixCall } from "./helix-call.ts";

const productsSchema = z.object({ data: z.array(helixBitsProductSchema) });

/**
 * Get Extension Bits Products (app access token of the extension's client id). `includeAll`: disabled and
 * expired products too (`should_include_all=true`).
 */
export function getExtensionBitsProducts(
  input: { includeAll?: boolean } = {},
): HelixCall<z.infer<typeof productsSchema>> {
  return {
    endpoint: "Get Extension Bits Products",
    method: "GET",
    host: "api",
    path: TWITCH.bitsProductsPath,
    ...(input.includeAll ? { query: { should_include_all: "true" } } : {}),
    auth: { kind: "app" },
    response: productsSchema,
  };
}

/** Update Extension Bits Product: creates or replaces the product with this SKU (app access token). */
export function updateExtensionBitsProduct(product: BitsProduct): HelixCall<z.infer<typeof productsSchema>> {
  const parsed = bitsProductSchema.safeParse(product);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TwitchRuleError(
      "bits_product_invalid",
      `The product ${JSON.stringify(product.sku)} breaks Twitch's rules: ${issue?.path.join(".")} ${issue?.message}.`,
    );
  }
  return {
    endpoint: "Update Extension Bits Product",
    method: "PUT",
    host: "api",
    path: TWITCH.bitsProductsPath,
    body: { json: toHelixBitsProduct(parsed.data) },
    auth: { kind: "app" },
    response: productsSchema,
  };
}

/** Transactions Get Extension Transactions answers per page, and ids it takes per call. */
export const TRANSACTIONS_PAGE_MAX = 100;

const transactionSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  broadcaster_id: z.string(),
  broadcaster_login: z.string(),
  broadcaster_name: z.string(),
  user_id: z.string(),
  user_login: z.string(),
  user_name: z.string(),
  product_type: z.literal("BITS_IN_EXTENSION"),
  product_data: z.object({
    domain: z.string(),
    sku: z.string(),
    cost: z.object({ amount: z.number(), type: z.literal("bits") }),
    inDevelopment: z.boolean(),
    displayName: z.string(),
    expiration: z.string(),
    broadcast: z.boolean(),
  }),
});
export type ExtensionTransaction = z.infer<typeof transactionSchema>;

const transactionsSchema = z.object({
  data: z.array(transactionSchema),
  pagination: z.object({ cursor: z.string().optional() }).optional(),
});

/**
 * Get Extension Transactions (app access token): one page, newest first, of the extension's Bits purchases;
 * `ids` (at most 100) asks for those only; `after` is the previous page's `pagination.cursor`.
 */
export function getExtensionTransactions(input: {
  clientId: string;
  ids?: readonly string[];
  first?: number;
  after?: string;
}): HelixCall<z.infer<typeof transactionsSchema>> {
  const ids = input.ids ?? [];
  if (ids.length > TRANSACTIONS_PAGE_MAX) {
    throw new RangeError(
      `Get Extension Transactions takes at most ${TRANSACTIONS_PAGE_MAX} ids, got ${ids.length}.`,
    );
  }
  const first = input.first;
  if (first !== undefined && (!Number.isInteger(first) || first < 1 || first > TRANSACTIONS_PAGE_MAX)) {
    throw new RangeError(`first is 1 to ${TRANSACTIONS_PAGE_MAX}, got ${String(first)}.`);
  }
  return {
    endpoint: "Get Extension Transactions",
    method: "GET",
    host: "api",
    path: TWITCH.extensionTransactionsPath,
    query: {
      extension_id: input.clientId,
      ...(ids.length > 0 ? { id: [...ids] } : {}),
      ...(first !== undefined ? { first: String(first) } : {}),
      ...(input.after ? { after: input.after } : {}),
    },
    auth: { kind: "app" },
    response: transactionsSchema,
  };
}

const subscriptionsSchema = z.object({
  data: z.array(eventSubSubscriptionSchema),
  total: z.number(),
  total_cost: z.number(),
  max_total_cost: z.number(),
});

/**
 * Create EventSub Subscription for `extension.bits_transaction.create` v1 over a webhook (the only
 * transport besides conduits this type allows), with an app access token. Twitch answers 202 with the
 * subscription `webhook_callback_verification_pending`, then sends the challenge to `callback` (HTTPS on
 * port 443 on Twitch; the rig also takes http on localhost, 127.0.0.1 and [::1]).
 */
export function createBitsTransactionSubscription(input: {
  clientId: string;
  callback: string;
  secret: string;
}): HelixCall<z.infer<typeof subscriptionsSchema>> {
  const { secret } = input;
  if (secret.length < EVENTSUB_SECRET_MIN || secret.length > EVENTSUB_SECRET_MAX) {
    throw new RangeError(
      `An EventSub webhook secret is ${EVENTSUB_SECRET_MIN} to ${EVENTSUB_SECRET_MAX} characters, got ${secret.length}.`,
    );
  }
  return {
    endpoint: "Create EventSub Subscription",
    method: "POST",
    host: "api",
    path: TWITCH.eventSubSubscriptionsPath,
    body: {
      json: {
        ...BITS_TRANSACTION_EVENT,
        condition: { extension_client_id: input.clientId },
        transport: { method: "webhook", callback: input.callback, secret },
      },
    },
    auth: { kind: "app" },
    response: subscriptionsSchema,
  };
}

/** Get EventSub Subscriptions of one type (app access token), to see whether a subscription is enabled. */
export function getEventSubSubscriptions(
  input: { type?: string; after?: string } = {},
): HelixCall<z.infer<typeof subscriptionsSchema>> {
  return {
    endpoint: "Get EventSub Subscriptions",
    method: "GET",
    host: "api",
    path: TWITCH.eventSubSubscriptionsPath,
    query: {
      type: input.type ?? BITS_TRANSACTION_EVENT.type,
      ...(input.after ? { after: input.after } : {}),
    },
    auth: { kind: "app" },
    response: subscriptionsSchema,
  };
}

/**
 * Delete EventSub Subscription (app access token): 204. The EBS deletes its failed or revoked subscription
 * before creating it again (Twitch refuses a second subscription with the same callback: 409).
 */
export function deleteEventSubSubscription(id: string): HelixCall<undefined> {
  return {
    endpoint: "Delete EventSub Subscription",
    method: "DELETE",
    host: "api",
    path: TWITCH.eventSubSubscriptionsPath,
    query: { id },
    auth: { kind: "app" },
    response: z.undefined(),
  };
}
