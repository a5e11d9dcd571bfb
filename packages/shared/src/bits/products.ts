import * as z from "zod/mini";

/** Longest SKU Twitch accepts for a Bits product. */
export const BITS_SKU_MAX = 255;
/** Characters a SKU may use: letters, digits, `-`, `_` and `.` (TWITCH.md: Bits in Extensions). */
const SKU_CHARACTERS = /^[A-Za-z0-9_.-]+$/;
/** Longest display name the Extension console takes for a product. */
export const BITS_DISPLAY_NAME_MAX = 255;
/** The prefix of a receipt's `product.domainId`: `twitch.ext.<client id>`. */
export const BITS_DOMAIN_PREFIX = "twitch.ext.";

/** The product domain Twitch writes into receipts and transactions for an extension. */
export function bitsDomainFor(clientId: string): string {
  return `${BITS_DOMAIN_PREFIX}${clientId}`;
}

/**
 * What is wrong with a SKU by Twitch's rules, as one sentence; undefined when it is fine. A non-string is
 * named (a number SKU is a common slip: Twitch's SKUs are strings).
 */
export function skuProblem(sku: unknown): string | undefined {
  if (typeof sku !== "string") {
    return `A SKU is a string, got ${sku === undefined ? "nothing" : `${typeof sku} ${JSON.stringify(sku)}`}.`;
  }
  if (sku.length === 0) return "The SKU is empty: give the product a SKU of letters, digits, -, _ or .";
  if (sku.length > BITS_SKU_MAX) {
    return `The SKU is ${sku.length} characters long; Twitch takes at most ${BITS_SKU_MAX}.`;
  }
  if (!SKU_CHARACTERS.test(sku)) {
    const bad = [...sku].find((c) => !SKU_CHARACTERS.test(c)) as string;
    return `The SKU ${JSON.stringify(sku.slice(0, 60))} has ${JSON.stringify(bad)}: Twitch allows only letters, digits, -, _ and . in a SKU.`;
  }
  return undefined;
}

/** True for a SKU Twitch would accept. */
export function isValidSku(sku: unknown): sku is string {
  return skuProblem(sku) === undefined;
}

const skuSchema = z.string().check(
  z.refine((sku) => isValidSku(sku), {
    message: `letters, digits, -, _ and . only, 1 to ${BITS_SKU_MAX} characters`,
  }),
);

/**
 * One Bits product as the repository's catalogue describes it (camelCase; Helix's snake_case wire shape is
 * {@link toHelixBitsProduct}). `cost` is whole Bits; `expiration` (ISO 8601) in the past disables it.
 */
export const bitsProductSchema = z.strictObject({
  sku: skuSchema,
  displayName: z.string().check(z.minLength(1), z.maxLength(BITS_DISPLAY_NAME_MAX)),
  cost: z.int().check(z.positive()),
  inDevelopment: z.boolean(),
  broadcast: z.boolean(),
  expiration: z.optional(z.iso.datetime({ offset: true })),
});
export type BitsProduct = z.infer<typeof bitsProductSchema>;

/** A product as `Twitch.ext.bits.getProducts()` gives it to a frontend: the amount is a string there. */
export interface FrontendBitsProduct {
  sku: string;
  displayName: string;
  cost: { amount: string; type: "bits" };
  /** Only for versions not yet released, as Twitch's helper does. */
  inDevelopment?: boolean;
}

/** The frontend's shape of a product (what getProducts resolves to and onTransactionComplete carries). */
export function toFrontendBitsProduct(
  product: BitsProduct,
  options: { released: boolean },
): FrontendBitsProduct {
  return {
    sku: product.sku,
    displayName: product.displayName,
    cost: { amount: String(product.cost), type: "bits" },
    ...(options.released ? {} : { inDevelopment: product.inDevelopment }),
  };
}

/**
 * A product in Helix's wire shape (Get/Update Extension Bits Products). `expiration` is an RFC 3339 date or
 * the empty string for none, as Twitch answers it.
 */
export const helixBitsProductSchema = z.object({
  sku: z.string(),
  cost: z.object({ amount: z.int(), type: z.literal("bits") }),
  in_development: z.boolean(),
  display_name: z.string(),
  expiration: z.string(),
  is_broadcast: z.boolean(),
});
export type HelixBitsProduct = z.infer<typeof helixBitsProductSchema>;

export function toHelixBitsProduct(product: BitsProduct): HelixBitsProduct {
  return {
    sku: product.sku,
    cost: { amount: product.cost, type: "bits" },
    in_development: product.inDevelopment,
    display_name: product.displayName,
    expiration: product.expiration ?? "",
    is_broadcast: product.broadcast,
  };
}

export function fromHelixBitsProduct(product: HelixBitsProduct): BitsProduct {
  return {
    sku: product.sku,
    displayName: product.display_name,
    cost: product.cost.amount,
    inDevelopment: product.in_development,
    broadcast: product.is_broadcast,
    ...(product.expiration ? { expiration: product.expiration } : {}),
  };
}

/** True while a product can be bought: no expiration, or one still in the future. */
export function bitsProductActive(product: Pick<BitsProduct, "expiration">, now: number): boolean {
  return product.expiration === undefined || Date.parse(product.expiration) > now;
}
