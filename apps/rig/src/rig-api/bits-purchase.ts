import { randomUUID } from "node:crypto";
import { bitsDomainFor, bitsProductActive, fromHelixBitsProduct, toFrontendBitsProduct } from "@ext/shared";
import { type ExtensionTransaction, opaqueIdFor, signBitsReceipt } from "@ext/shared/server";
import { z } from "zod";
import type { RigState } from "../state/rig-state.ts";
import type { BitsPurchaseEvent } from "../state/types.ts";

export const purchaseRequestSchema = z
  .object({
    channelId: z.string().regex(/^\d{1,20}$/, "a channel id: a string of digits"),
    userId: z.string().regex(/^\d{1,20}$/, "a user id: a string of digits"),
    sku: z.string().min(1).max(255),
    /** The frame called setUseLoopback(true): an in-development product completes without spending Bits. */
    loopback: z.boolean().optional(),
  })
  .strict();
export type PurchaseRequest = z.infer<typeof purchaseRequestSchema>;

export interface PurchaseRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * A viewer's confirmed `useBits(sku)`, as Twitch completes it: the channel must take Bits and run the
 * extension, the product exist and not be expired (an in-development one only while the version is not
 * released), the viewer hold enough Bits. The Bits are spent, the transaction recorded (Get Extension
 * Transactions, EventSub), and a receipt signed with the extension secret as Twitch signs it. With loopback
 * and an in-development product nothing is spent or recorded, as Twitch's loopback does.
 */
export function purchaseBits(state: RigState, request: PurchaseRequest): BitsPurchaseEvent | PurchaseRefusal {
  const channel = state.channel(request.channelId);
  if (!channel)
    return { status: 404, code: "not_found", message: `No channel ${request.channelId} in the rig.` };
  const user = state.user(request.userId);
  if (!user) return { status: 404, code: "not_found", message: `No rig user ${request.userId}.` };
  if (!channel.bitsEligible) {
    return {
      status: 409,
      code: "bits_channel_ineligible",
      message: `${channel.displayName} cannot take Bits (isBitsEnabled is false there): Twitch offers no purchase, so hide Bits products on such channels.`,
    };
  }
  if (!channel.installedVersion || !channel.activated) {
    return {
      status: 409,
      code: "extension_not_activated",
      message: `The extension is not active on ${channel.displayName}: no viewer can buy there.`,
    };
  }
  const product = state.bits.product(request.sku);
  const now = state.clock();
  if (!product || !bitsProductActive(product.expiration ? { expiration: product.expiration } : {}, now)) {
    return {
      status: 404,
      code: "bits_product_unknown",
      message: product
        ? `The product "${request.sku}" expired at ${product.expiration}: an expired product cannot be bought.`
        : `No Bits product has the SKU ${JSON.stringify(request.sku)}: create it with Update Extension Bits Product (pnpm run products sync).`,
    };
  }
  if (product.in_development && channel.versionState === "released") {
    return {
      status: 409,
      code: "bits_product_in_development",
      message: `"${product.sku}" is in development: it can be bought only while the version is in Local or Hosted Test, not released.`,
    };
  }
  const loopback = request.loopback === true && product.in_development;
  const balance = state.bits.balance(user.id);
  if (!loopback && balance < product.cost.amount) {
    return {
      status: 409,
      code: "bits_balance_insufficient",
      message: `${user.displayName} has ${balance} Bits and "${product.sku}" costs ${product.cost.amount}: ${product.cost.amount - balance} more are needed.`,
    };
  }
  const transactionId = randomUUID();
  const { clientId } = state.extension;
  if (!loopback) {
    state.bits.setBalance(user.id, balance - product.cost.amount);
    const transaction: ExtensionTransaction = {
      id: transactionId,
      timestamp: new Date(now).toISOString(),
      broadcaster_id: channel.broadcasterId,
      broadcaster_login: channel.login,
      broadcaster_name: channel.displayName,
      user_id: user.id,
      user_login: user.login,
      user_name: user.displayName,
      product_type: "BITS_IN_EXTENSION",
      product_data: {
        domain: bitsDomainFor(clientId),
        sku: product.sku,
        cost: { ...product.cost },
        inDevelopment: product.in_development,
        displayName: product.display_name,
        expiration: product.expiration,
        broadcast: product.is_broadcast,
      },
    };
    state.bits.addTransaction(transaction);
  }
  const catalogueProduct = fromHelixBitsProduct(product);
  const receipt = signBitsReceipt(
    { clientId, transactionId, userId: user.id, product: catalogueProduct },
    state.secrets.ring(),
    state.clock,
  );
  const event: BitsPurchaseEvent = {
    channelId: channel.broadcasterId,
    buyerOpaqueId: opaqueIdFor(user.id),
    broadcast: product.is_broadcast,
    loopback,
    transaction: {
      transactionID: transactionId,
      domainID: bitsDomainFor(clientId),
      product: toFrontendBitsProduct(catalogueProduct, { released: channel.versionState === "released" }),
      userId: user.id,
      displayName: user.displayName,
      transactionReceipt: receipt,
    },
  };
  state.publish("bits", event);
  return event;
}
