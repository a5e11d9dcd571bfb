import { BITS_CATALOGUE_ENTRIES } from "@ext/shared";
import { useEffect, useState } from "react";
import type { TwitchStore } from "../twitch/twitch-store.ts";

/** The catalogue's SKUs (its plain data: the checking code stays out of the panel's bundle). */
const CATALOGUE_SKUS = new Set(BITS_CATALOGUE_ENTRIES.map((entry) => entry.product.sku));

/** A product the panel offers: its SKU, Twitch's name for it and Twitch's price in Bits. */
export interface OfferedProduct {
  sku: string;
  displayName: string;
  bits: number;
}

/**
 * The products to offer, from `Twitch.ext.bits.getProducts()` (Twitch's names and prices, never ours), read
 * again when Bits become enabled or the channel changes; `[]` while Bits are off. Products missing from the
 * repository's catalogue are left out: the EBS refuses their receipts (`receipt_sku_unknown`), so a viewer
 * would spend Bits on something chat never announces.
 */
export function useBitsProducts(twitch: TwitchStore, enabled: boolean, channelId: string): OfferedProduct[] {
  const [products, setProducts] = useState<OfferedProduct[]>([]);
  useEffect(() => {
    // A new channel (or Bits turned off) starts from nothing: the old channel's products are not its.
    if (!enabled || channelId === "") {
      setProducts([]);
      return;
    }
    let current = true;
    twitch.ext.bits.getProducts().then(
      (list) => {
        if (!current) return;
        setProducts(
          list
            .filter((product) => CATALOGUE_SKUS.has(product.sku))
            .map((product) => ({
              sku: product.sku,
              displayName: product.displayName,
              bits: Number(product.cost.amount),
            }))
            .filter((product) => Number.isInteger(product.bits) && product.bits > 0),
        );
      },
      () => {
        if (current) setProducts([]);
      },
    );
    return () => {
      current = false;
    };
  }, [twitch, enabled, channelId]);
  return products;
}
