import * as z from "zod/mini";

/**
 * What the panel sends when `Twitch.ext.bits.onTransactionComplete` gave it a purchase of the current viewer:
 * Twitch's signed receipt, nothing else (the EBS trusts the receipt, never the panel's word for a purchase).
 */
export const bitsTransactionRequestSchema = z.strictObject({
  transactionReceipt: z.string().check(z.minLength(1), z.maxLength(8192)),
});
export type BitsTransactionRequest = z.infer<typeof bitsTransactionRequestSchema>;

/**
 * What became of a reported purchase (202):
 * - `queued`: this report is the first the purchase reached the EBS by; chat announces it (`actionId`).
 * - `known`: the panel, EventSub or the transactions API reported it before; it is announced once all the
 *   same (`actionId`), or, recorded while chat messages were off, not at all (no `actionId`).
 * - `recorded_chat_off`: recorded once in the ledger, not announced: the broadcaster turned chat messages off.
 * - `pending_confirmation`: the receipt came from a viewer who has not shared identity and Twitch has not
 *   confirmed the transaction yet (or could not be asked); EventSub or reconciliation announces it when it does.
 */
export const bitsTransactionStatuses = [
  "queued",
  "known",
  "recorded_chat_off",
  "pending_confirmation",
] as const;
export type BitsTransactionStatus = (typeof bitsTransactionStatuses)[number];

/**
 * The EBS's answer (202) to a verified receipt. `actionId` is the announcement's action
 * (`GET /api/actions/:id`), present exactly when chat posts one for this purchase.
 */
export const bitsTransactionAcceptedSchema = z.object({
  status: z.enum(bitsTransactionStatuses),
  transactionId: z.string(),
  actionId: z.optional(z.string()),
  /** The channel chat announces it in (Twitch's, once confirmed; the token's while pending). */
  channelId: z.string(),
});
export type BitsTransactionAccepted = z.infer<typeof bitsTransactionAcceptedSchema>;
