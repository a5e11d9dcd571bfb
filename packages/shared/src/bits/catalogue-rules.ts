import { truncateChatText } from "../chat/build-text.ts";
import { type ChatActor, chatTextLength, describeActors } from "../chat/text.ts";
import { DISPLAY_NAME_MAX } from "../settings/broadcaster-settings.ts";
import { TWITCH } from "../twitch/constants.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { type BitsProduct, bitsProductSchema } from "./products.ts";

/** Placeholders a Bits product's chat template may use: who bought, the Bits spent, the product's name. */
export const BITS_CHAT_PLACEHOLDERS = ["{viewer}", "{bits}", "{product}"] as const;
const PLACEHOLDER = /\{[^{}]*\}/g;

/** One product of the repository's catalogue and how chat announces a purchase of it. */
export interface BitsCatalogueEntry {
  product: BitsProduct;
  /** E.g. "{viewer} cheered {bits} Bits: {product}!"; every purchase is a message of its own. */
  chatTemplate: string;
}

/** The catalogue, checked: entries in order, and each by SKU. */
export interface BitsCatalogue {
  readonly entries: readonly BitsCatalogueEntry[];
  bySku(sku: string): BitsCatalogueEntry | undefined;
  products(): BitsProduct[];
}

function templateProblem(template: string, product: BitsProduct): string | undefined {
  if (template.trim().length === 0) return "the chat template is empty";
  const known: readonly string[] = BITS_CHAT_PLACEHOLDERS;
  for (const [placeholder] of template.matchAll(PLACEHOLDER)) {
    if (!known.includes(placeholder)) {
      return `${placeholder} is not a placeholder: use ${BITS_CHAT_PLACEHOLDERS.join(", ")}`;
    }
  }
  const longest = chatTextLength(fill(template, "x".repeat(DISPLAY_NAME_MAX), product));
  if (longest > TWITCH.chatTextMax) {
    return `with a ${DISPLAY_NAME_MAX}-character name the message has ${longest} characters; Twitch allows ${TWITCH.chatTextMax}`;
  }
  return undefined;
}

function fill(template: string, viewer: string, product: BitsProduct): string {
  return bitsActionTemplate(template.replaceAll("{viewer}", viewer), product);
}

/**
 * Checks a catalogue once, at load: each product by Twitch's rules (SKU characters and length, whole
 * positive cost), SKUs unique, each chat template's placeholders known and its longest message within 280
 * characters. Throws a {@link TwitchRuleError} naming the entry and the fix.
 */
export function defineBitsCatalogue(entries: readonly BitsCatalogueEntry[]): BitsCatalogue {
  const bySku = new Map<string, BitsCatalogueEntry>();
  entries.forEach((entry, index) => {
    const parsed = bitsProductSchema.safeParse(entry.product);
    const name = `Bits product #${index + 1} (${JSON.stringify(entry.product?.sku ?? null)})`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TwitchRuleError(
        "bits_product_invalid",
        `${name}: ${issue?.path.join(".") || "product"} ${issue?.message ?? "is invalid"}.`,
      );
    }
    if (bySku.has(parsed.data.sku)) {
      throw new TwitchRuleError("bits_sku_duplicate", `${name}: the SKU is listed twice; SKUs are unique.`);
    }
    const problem = templateProblem(entry.chatTemplate, parsed.data);
    if (problem) throw new TwitchRuleError("bits_template_invalid", `${name}: ${problem}.`);
    bySku.set(parsed.data.sku, { product: parsed.data, chatTemplate: entry.chatTemplate });
  });
  const checked = [...bySku.values()];
  return {
    entries: checked,
    bySku: (sku) => bySku.get(sku),
    products: () => checked.map((e) => ({ ...e.product })),
  };
}

/**
 * The template a purchase action is queued with: the product's Bits and name filled in, `{viewer}` left for
 * the delivery queue, which looks the buyer's name up when it sends ("{viewer} cheered 500 Bits: Mega Hype!").
 */
export function bitsActionTemplate(
  template: string,
  product: Pick<BitsProduct, "cost" | "displayName">,
): string {
  return template
    .replaceAll("{bits}", product.cost.toLocaleString("en-US"))
    .replaceAll("{product}", product.displayName);
}

/**
 * The chat message for one purchase: "Ana cheered 500 Bits: Mega Hype!". A buyer with no name the
 * extension may use is "A viewer"; the text never passes Twitch's 280 characters.
 */
export function buildBitsChatText(input: {
  template: string;
  buyer: ChatActor;
  product: BitsProduct;
}): string {
  const who = describeActors([input.buyer]);
  const filled = fill(input.template, who, input.product);
  const text = input.template.startsWith("{viewer}")
    ? filled.charAt(0).toUpperCase() + filled.slice(1)
    : filled;
  return truncateChatText(text);
}
