import { type BitsPurchaseEvent, RIG_MESSAGE_SOURCE } from "../protocol.ts";
import type { HelperCore } from "./ext-object.ts";

/**
 * `Twitch.ext.bits` over the rig: products from the rig's list (Twitch's frontend shape, none where the
 * channel cannot take Bits), `useBits` handed to the rig page, which draws Twitch's confirmation over the
 * frame (or, with loopback and an in-development product, completes it without asking or spending), and
 * `showBitsBalance` drawn there too. Completion arrives as the rig's `bits` event (see {@link deliverBits}).
 */
export function createBitsObject(core: HelperCore): typeof Twitch.ext.bits {
  const { callbacks, later, postToParent, reportError } = core;
  let loopback = false;
  return {
    async getProducts() {
      const auth = core.auth;
      if (!auth || core.features.isBitsEnabled !== true) return [];
      const { products } = await core.client.bitsProducts(auth.channelId);
      return products;
    },
    onTransactionCancelled: (callback) => callbacks.bitsCancelled.add(callback),
    onTransactionComplete: (callback) => callbacks.bitsCompleted.add(callback),
    setUseLoopback(value) {
      loopback = value === true;
    },
    showBitsBalance() {
      postToParent({ source: RIG_MESSAGE_SOURCE, type: "showBitsBalance" });
    },
    useBits(sku) {
      if (!core.auth) {
        reportError(
          new Error("Twitch.ext.bits.useBits before Twitch.ext.onAuthorized: wait for the first auth."),
        );
        return;
      }
      if (core.alone) {
        reportError(
          new Error(
            "useBits needs the rig page to draw Twitch's confirmation: open this page in the rig. The purchase is cancelled.",
          ),
        );
        later(() => callbacks.bitsCancelled.fire());
        return;
      }
      postToParent({ source: RIG_MESSAGE_SOURCE, type: "useBits", sku: String(sku), loopback });
    },
  };
}

/**
 * A purchase on the frame's channel reaches `onTransactionComplete`: in the buyer's frames with
 * `initiator: "current_user"`, and, for a product marked broadcast, in every other viewer's with `"other"`.
 */
export function deliverBits(
  core: Pick<HelperCore, "auth" | "viewer" | "callbacks">,
  purchase: BitsPurchaseEvent,
): void {
  if (!core.auth || purchase.channelId !== core.auth.channelId) return;
  const mine = core.viewer?.opaqueId === purchase.buyerOpaqueId;
  if (!mine && !purchase.broadcast) return;
  core.callbacks.bitsCompleted.fire({
    ...purchase.transaction,
    product: { ...purchase.transaction.product, cost: { ...purchase.transaction.product.cost } },
    initiator: mine ? "current_user" : "other",
  });
}
