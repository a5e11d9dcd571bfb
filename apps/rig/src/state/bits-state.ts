import { BITS_CATALOGUE, type HelixBitsProduct, toHelixBitsProduct } from "@ext/shared";
import type { ExtensionTransaction } from "@ext/shared/server";

/** Bits every rig user holds at start (editable in the rig UI and with `PUT /rig/api/bits/balances/:id`). */
export const DEFAULT_BITS_BALANCE = 1000;
/** Transactions the rig keeps (Get Extension Transactions pages through them). */
const TRANSACTIONS_KEPT = 1000;

/** The rig's Bits in Extensions: the extension's products, each user's balance, the purchases made. */
export interface BitsState {
  /** Products in Helix's shape, in the order they were first put. */
  products(): HelixBitsProduct[];
  product(sku: string): HelixBitsProduct | undefined;
  /** Creates or replaces the product with this SKU (Update Extension Bits Product). */
  putProduct(product: HelixBitsProduct): HelixBitsProduct;
  balance(userId: string): number;
  setBalance(userId: string, balance: number): void;
  /** Every user's balance that differs from the default, and the default. */
  balances(): Record<string, number>;
  /** Newest first, as Get Extension Transactions answers. */
  transactions(): ExtensionTransaction[];
  addTransaction(transaction: ExtensionTransaction): void;
}

/**
 * The products start as the repository's catalogue (so `pnpm dev` can sell at once; `products sync` then
 * finds nothing to change until the catalogue does); balances start at {@link DEFAULT_BITS_BALANCE}.
 */
export function createBitsState(): BitsState {
  const products = new Map<string, HelixBitsProduct>(
    BITS_CATALOGUE.products().map((p) => [p.sku, toHelixBitsProduct(p)]),
  );
  const balances = new Map<string, number>();
  const transactions: ExtensionTransaction[] = [];
  return {
    products: () => [...products.values()].map((p) => structuredClone(p)),
    product: (sku) => {
      const found = products.get(sku);
      return found ? structuredClone(found) : undefined;
    },
    putProduct(product) {
      products.set(product.sku, structuredClone(product));
      return structuredClone(product);
    },
    balance: (userId) => balances.get(userId) ?? DEFAULT_BITS_BALANCE,
    setBalance(userId, balance) {
      balances.set(userId, balance);
    },
    balances: () => Object.fromEntries(balances),
    transactions: () => transactions.map((t) => structuredClone(t)),
    addTransaction(transaction) {
      transactions.unshift(structuredClone(transaction));
      if (transactions.length > TRANSACTIONS_KEPT) transactions.length = TRANSACTIONS_KEPT;
    },
  };
}
