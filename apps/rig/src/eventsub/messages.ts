import type { BitsTransactionEvent, EventSubSubscription } from "@ext/shared";
import type { ExtensionTransaction } from "@ext/shared/server";

/** The `event` Twitch sends for one purchase, from the transaction the rig recorded. */
export function bitsTransactionEvent(
  transaction: ExtensionTransaction,
  clientId: string,
): BitsTransactionEvent {
  const product = transaction.product_data;
  return {
    id: transaction.id,
    extension_client_id: clientId,
    broadcaster_user_id: transaction.broadcaster_id,
    broadcaster_user_login: transaction.broadcaster_login,
    broadcaster_user_name: transaction.broadcaster_name,
    user_id: transaction.user_id,
    user_login: transaction.user_login,
    user_name: transaction.user_name,
    product: {
      name: product.displayName,
      sku: product.sku,
      bits: product.cost.amount,
      in_development: product.inDevelopment,
    },
  };
}

/** Each delivery's body, as Twitch writes it (the challenge as a string). */
export type DeliveryBody =
  | {
      messageType: "webhook_callback_verification";
      body: { challenge: string; subscription: EventSubSubscription };
    }
  | { messageType: "notification"; body: { subscription: EventSubSubscription; event: BitsTransactionEvent } }
  | { messageType: "revocation"; body: { subscription: EventSubSubscription } };
