import type { BitsProduct } from "@ext/shared";

/** How one SKU of the repository's catalogue compares with what Twitch holds. */
export type ProductChange =
  | { sku: string; change: "added"; product: BitsProduct }
  | { sku: string; change: "changed"; product: BitsProduct; differences: string[] }
  | { sku: string; change: "unchanged"; product: BitsProduct }
  /** On Twitch, not in the catalogue: the sync leaves it (an `expiration` in the past would disable it). */
  | { sku: string; change: "only_on_twitch"; product: BitsProduct };

const FIELDS: { key: keyof BitsProduct; name: string }[] = [
  { key: "displayName", name: "display name" },
  { key: "cost", name: "cost in Bits" },
  { key: "inDevelopment", name: "in development" },
  { key: "broadcast", name: "broadcast" },
  { key: "expiration", name: "expiration" },
];

function shown(value: unknown): string {
  return value === undefined ? "none" : JSON.stringify(value);
}

/**
 * Compares the catalogue with Twitch's products (Get Extension Bits Products with `should_include_all`),
 * SKU by SKU, in the catalogue's order, then what only Twitch has: each field that differs in words
 * ("cost in Bits: 400 on Twitch → 500").
 */
export function diffCatalogue(input: {
  catalogue: readonly BitsProduct[];
  live: readonly BitsProduct[];
}): ProductChange[] {
  const live = new Map(input.live.map((p) => [p.sku, p]));
  const changes: ProductChange[] = input.catalogue.map((product) => {
    const current = live.get(product.sku);
    if (!current) return { sku: product.sku, change: "added", product };
    const differences = FIELDS.filter(({ key }) => current[key] !== product[key]).map(
      ({ key, name }) => `${name}: ${shown(current[key])} on Twitch → ${shown(product[key])}`,
    );
    return differences.length > 0
      ? { sku: product.sku, change: "changed", product, differences }
      : { sku: product.sku, change: "unchanged", product };
  });
  const known = new Set(input.catalogue.map((p) => p.sku));
  for (const product of input.live) {
    if (!known.has(product.sku)) changes.push({ sku: product.sku, change: "only_on_twitch", product });
  }
  return changes;
}

/** One line per SKU, in words. */
export function describeChange(change: ProductChange): string {
  switch (change.change) {
    case "added":
      return `${change.sku}: added (not on Twitch yet): "${change.product.displayName}", ${change.product.cost} Bits`;
    case "changed":
      return `${change.sku}: changed (${change.differences.join("; ")})`;
    case "unchanged":
      return `${change.sku}: unchanged`;
    case "only_on_twitch":
      return `${change.sku}: only on Twitch, not in the catalogue (left as it is; give it a past expiration to disable it)`;
  }
}
