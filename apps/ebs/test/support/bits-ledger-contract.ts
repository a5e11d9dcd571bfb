import { expect, it } from "vitest";
import {
  type BitsLedger,
  type BitsLedgerEntry,
  EVENTSUB_MESSAGE_MEMORY_MS,
} from "../../src/store/bits-ledger.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

/**
 * What every {@link BitsLedger} must do, run against SQLite and Redis alike: `fresh()` gives a ledger (two
 * calls may share the same storage, as two instances do), `unique()` a string no other test used.
 */
export function bitsLedgerContract(fresh: () => Promise<BitsLedger>, unique: () => string): void {
  const entry = (overrides: Partial<BitsLedgerEntry> = {}): BitsLedgerEntry => ({
    transactionId: `tx-${unique()}`,
    channelId: "1001",
    userId: "424242",
    sku: "mega-hype",
    bits: 500,
    actionId: `action-${unique()}`,
    source: "receipt",
    claimedAt: "2026-03-01T12:00:00.000Z",
    ...overrides,
  });

  it("claims a transaction once and answers later claims with what the first one wrote", async () => {
    const ledger = await fresh();
    const first = entry();
    expect(await ledger.get(first.transactionId)).toBeUndefined();
    expect(await ledger.claim(first)).toEqual({ claimed: true });
    const again = { ...first, actionId: "another-action", source: "eventsub" as const, channelId: "2002" };
    expect(await ledger.claim(again)).toEqual({ claimed: false, entry: first });
    expect(await ledger.get(first.transactionId)).toEqual(first);
  });

  it("lets exactly one of many concurrent claims of one transaction win, across two handles", async () => {
    const [a, b] = [await fresh(), await fresh()];
    const transactionId = `tx-${unique()}`;
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).claim(entry({ transactionId, actionId: `action-${i}` })),
      ),
    );
    const winners = claims.filter((c) => c.claimed);
    expect(winners).toHaveLength(1);
    const held = await a.get(transactionId);
    for (const c of claims) if (!c.claimed) expect(c.entry).toEqual(held);
  });

  it("records what chat showed, and releases a claim only for the action that made it", async () => {
    const ledger = await fresh();
    const first = entry();
    await ledger.claim(first);
    await ledger.release(first.transactionId, "not-its-action");
    expect(await ledger.get(first.transactionId)).toEqual(first);
    const announced = { text: "Ana cheered 500 Bits: Mega Hype! 🎉", at: "2026-03-01T12:00:01.000Z" };
    await ledger.markAnnounced(first.transactionId, announced);
    expect(await ledger.get(first.transactionId)).toEqual({ ...first, announced });
    const second = entry();
    await ledger.claim(second);
    await ledger.release(second.transactionId, second.actionId);
    expect(await ledger.get(second.transactionId)).toBeUndefined();
    expect(await ledger.claim(second)).toEqual({ claimed: true });
  });

  it("says a message id is new once, agrees across handles, and forgets it after the memory window", async () => {
    const [a, b] = [await fresh(), await fresh()];
    const id = `msg-${unique()}`;
    expect(await a.firstDelivery(id, NOW)).toBe(true);
    expect(await b.firstDelivery(id, NOW + 1000)).toBe(false);
    expect(await a.firstDelivery(id, NOW + 2000)).toBe(false);
    expect(await a.firstDelivery(`msg-${unique()}`, NOW)).toBe(true);
    await b.forgetDelivery(id);
    expect(await a.firstDelivery(id, NOW + 3000)).toBe(true);
    expect(EVENTSUB_MESSAGE_MEMORY_MS).toBeGreaterThan(10 * 60 * 1000);
  });
}
