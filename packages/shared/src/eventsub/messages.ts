import * as z from "zod/mini";

/** The EventSub subscription type Twitch sends for each Bits in Extensions purchase, and its version. */
export const BITS_TRANSACTION_EVENT = { type: "extension.bits_transaction.create", version: "1" } as const;

/** Headers of an EventSub webhook delivery (Node lowercases them when read). */
export const EVENTSUB_HEADERS = {
  messageId: "Twitch-Eventsub-Message-Id",
  timestamp: "Twitch-Eventsub-Message-Timestamp",
  signature: "Twitch-Eventsub-Message-Signature",
  messageType: "Twitch-Eventsub-Message-Type",
  retry: "Twitch-Eventsub-Message-Retry",
  subscriptionType: "Twitch-Eventsub-Subscription-Type",
  subscriptionVersion: "Twitch-Eventsub-Subscription-Version",
} as const;

export const eventSubMessageTypes = ["webhook_callback_verification", "notification", "revocation"] as const;
export type EventSubMessageType = (typeof eventSubMessageTypes)[number];

/** Subscription statuses Twitch reports (the ones a webhook subscription to this type can reach). */
export const eventSubStatuses = [
  "enabled",
  "webhook_callback_verification_pending",
  "webhook_callback_verification_failed",
  "notification_failures_exceeded",
  "authorization_revoked",
  "moderator_removed",
  "user_removed",
  "version_removed",
] as const;
export type EventSubStatus = (typeof eventSubStatuses)[number];

/** A subscription as Helix and every delivery describe it. */
export const eventSubSubscriptionSchema = z.object({
  id: z.string(),
  status: z.enum(eventSubStatuses),
  type: z.string(),
  version: z.string(),
  condition: z.record(z.string(), z.string()),
  transport: z.object({ method: z.literal("webhook"), callback: z.string() }),
  created_at: z.string(),
  cost: z.number(),
});
export type EventSubSubscription = z.infer<typeof eventSubSubscriptionSchema>;

/** The `event` of an `extension.bits_transaction.create` notification (ids and logins as strings). */
export const bitsTransactionEventSchema = z.object({
  id: z.string(),
  extension_client_id: z.string(),
  broadcaster_user_id: z.string(),
  broadcaster_user_login: z.string(),
  broadcaster_user_name: z.string(),
  user_id: z.string(),
  user_login: z.string(),
  user_name: z.string(),
  product: z.object({
    name: z.string(),
    sku: z.string(),
    bits: z.int(),
    in_development: z.boolean(),
  }),
});
export type BitsTransactionEvent = z.infer<typeof bitsTransactionEventSchema>;

/** Each delivery's JSON body, by message type. */
export const eventSubBodySchemas = {
  webhook_callback_verification: z.object({
    challenge: z.string(),
    subscription: eventSubSubscriptionSchema,
  }),
  notification: z.object({
    subscription: eventSubSubscriptionSchema,
    event: bitsTransactionEventSchema,
  }),
  revocation: z.object({ subscription: eventSubSubscriptionSchema }),
} as const;
