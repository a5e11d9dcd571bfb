import { BITS_CATALOGUE, fromHelixBitsProduct } from "@ext/shared";
import { getExtensionBitsProducts, updateExtensionBitsProduct } from "@ext/shared/server";
import type { HelixClient } from "../twitch/helix-client.ts";
import { describeChange, diffCatalogue, type ProductChange } from "./catalogue-diff.ts";

/**
 * `products sync`: reads Twitch's products (all of them, disabled too), says per SKU what differs from
 * `BITS_CATALOGUE`, and unless `dryRun` pushes each added or changed product with Update Extension Bits
 * Product, through the one Helix client and its app token. Answers the report's lines and the changes.
 */
export async function syncProducts(input: {
  helix: HelixClient;
  dryRun: boolean;
}): Promise<{ lines: string[]; changes: ProductChange[]; pushed: number }> {
  const { data } = await input.helix.call(getExtensionBitsProducts({ includeAll: true }));
  const changes = diffCatalogue({
    catalogue: BITS_CATALOGUE.products(),
    live: data.data.map(fromHelixBitsProduct),
  });
  const lines = changes.map(describeChange);
  const toPush = changes.filter((c) => c.change === "added" || c.change === "changed");
  if (toPush.length === 0) {
    lines.push("Twitch already has the catalogue: nothing to push.");
    return { lines, changes, pushed: 0 };
  }
  if (input.dryRun) {
    lines.push(`--dry-run: ${toPush.length} product(s) would be pushed; nothing was changed.`);
    return { lines, changes, pushed: 0 };
  }
  for (const change of toPush) {
    await input.helix.call(updateExtensionBitsProduct(change.product));
    lines.push(`pushed ${change.sku}`);
  }
  lines.push(`${toPush.length} product(s) pushed to Twitch with Update Extension Bits Product.`);
  return { lines, changes, pushed: toPush.length };
}
