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
 * The EBS's answer (202) to a verified receipt. `queued`: this report is the first Twitch's purchase reached
 * the EBS by; `known`: the panel, EventSub or the transactions API reported it before, and it is announced
 * once all the same. Either way `actionId` is the announcement's action (`GET /api/actions/:id`).
 */
export const bitsTransactionAcceptedSchema = z.object({
  status: z.enum(["queued", "known"]),
  transactionId: z.string(),
  actionId: z.string(),
  channelId: z.string(),
});
export type BitsTransactionAccepted = z.infer<typeof bitsTransactionAcceptedSchema>;
