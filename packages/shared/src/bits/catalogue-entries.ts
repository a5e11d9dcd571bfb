import type { BitsCatalogueEntry } from "./catalogue-rules.ts";

/**
 * The extension's Bits products, the one list the panel, the EBS and `pnpm run products sync` read. A change
 * here reaches Twitch through the sync command (Update Extension Bits Product); prices shown to viewers
 * always come from Twitch's `getProducts()`, and the EBS checks a receipt's cost against this list.
 */
export const BITS_CATALOGUE_ENTRIES: readonly BitsCatalogueEntry[] = [
  {
    product: {
      sku: "mega-hype",
      displayName: "Mega Hype",
      cost: 500,
      inDevelopment: false,
      broadcast: true,
    },
    chatTemplate: "{viewer} cheered {bits} Bits: {product}! 🎉",
  },
  {
    product: {
      sku: "small-cheer",
      displayName: "Small Cheer",
      cost: 100,
      inDevelopment: false,
      broadcast: false,
    },
    chatTemplate: "{viewer} sent a {product} ({bits} Bits)!",
  },
  {
    // In development: only versions in Local or Hosted Test offer it, and setUseLoopback(true) completes it
    // without spending Bits, so the whole loop can be tried before any product is released.
    product: {
      sku: "test-cheer",
      displayName: "Test Cheer",
      cost: 1,
      inDevelopment: true,
      broadcast: false,
    },
    chatTemplate: "{viewer} tested a {product} ({bits} Bit)!",
  },
];
