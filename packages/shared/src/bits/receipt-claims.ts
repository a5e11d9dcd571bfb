import * as z from "zod/mini";

/** The `topic` claim of every Bits transaction receipt. */
export const BITS_RECEIPT_TOPIC = "bits_transaction_receipt";

/**
 * Claims of a Bits transaction receipt as Twitch signs them (HS256, the extension secret): ids are strings,
 * the cost's amount a number (the frontend's product has it as a string; the receipt does not).
 */
export const bitsReceiptClaimsSchema = z.object({
  topic: z.literal(BITS_RECEIPT_TOPIC),
  exp: z.int().check(z.positive()),
  data: z.object({
    transactionId: z.string().check(z.minLength(1), z.maxLength(200)),
    time: z.iso.datetime({ offset: true }),
    userId: z.string().check(z.regex(/^\d{1,20}$/, "a Twitch user id: a string of digits")),
    product: z.object({
      domainId: z.string(),
      sku: z.string(),
      displayName: z.optional(z.string()),
      cost: z.object({ amount: z.int().check(z.positive()), type: z.literal("bits") }),
      inDevelopment: z.optional(z.boolean()),
      broadcast: z.optional(z.boolean()),
    }),
  }),
});
export type BitsReceiptClaims = z.infer<typeof bitsReceiptClaimsSchema>;
