import type { TwitchExt } from "../src/twitch/types.ts";

type BitsProduct = Twitch.ext.BitsProduct;
type BitsTransaction = Twitch.ext.BitsTransaction;

/** The fake helper's `Twitch.ext.bits`, with knobs to play Twitch's side of a purchase. */
export interface FakeBits {
  readonly bits: TwitchExt["bits"];
  /** What `getProducts()` resolves to next (Twitch's frontend shape: the amount is a string). */
  products: BitsProduct[];
  /** Every `useBits` SKU, in order. */
  readonly used: string[];
  /** The values `setUseLoopback` was called with. */
  readonly loopback: boolean[];
  /** How many times `showBitsBalance()` was called. */
  readonly balanceShown: number;
  /** Fires `onTransactionComplete` like Twitch does once the viewer confirmed (or for another buyer). */
  complete(transaction: Partial<BitsTransaction> & { transactionReceipt: string }): void;
  /** Fires `onTransactionCancelled`. */
  cancel(): void;
}

/** A product as `getProducts()` gives it. */
export function frontendProduct(sku: string, displayName: string, amount: number): BitsProduct {
  return { sku, displayName, cost: { amount: String(amount), type: "bits" }, inDevelopment: false };
}

export function createFakeBits(): FakeBits {
  const completed: Array<(transaction: BitsTransaction) => void> = [];
  const cancelled: Array<() => void> = [];
  const used: string[] = [];
  const loopback: boolean[] = [];
  let balanceShown = 0;
  const fake: FakeBits = {
    products: [
      frontendProduct("mega-hype", "Mega Hype", 500),
      frontendProduct("small-cheer", "Small Cheer", 100),
    ],
    used,
    loopback,
    get balanceShown() {
      return balanceShown;
    },
    bits: {
      getProducts: () => Promise.resolve(fake.products.map((p) => ({ ...p, cost: { ...p.cost } }))),
      useBits(sku) {
        used.push(sku);
      },
      onTransactionComplete(callback) {
        completed.push(callback);
      },
      onTransactionCancelled(callback) {
        cancelled.push(callback);
      },
      setUseLoopback(value) {
        loopback.push(value);
      },
      showBitsBalance() {
        balanceShown++;
      },
    },
    complete(transaction) {
      const full: BitsTransaction = {
        displayName: "Ana",
        initiator: "current_user",
        product: frontendProduct("mega-hype", "Mega Hype", 500),
        domainID: "twitch.ext.fakeclientid",
        transactionID: "tx-1",
        userId: "98765",
        ...transaction,
      };
      for (const callback of completed) callback(full);
    },
    cancel() {
      for (const callback of cancelled) callback();
    },
  };
  return fake;
}
