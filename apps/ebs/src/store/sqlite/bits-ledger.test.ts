import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bitsLedgerContract } from "../../../test/support/bits-ledger-contract.ts";
import { EVENTSUB_MESSAGE_MEMORY_MS } from "../bits-ledger.ts";
import { createSqliteBitsLedger } from "./bits-ledger.ts";
import { openSqlite } from "./open-sqlite.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const dir = mkdtempSync(join(tmpdir(), "ebs-bits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const shared = openSqlite(join(dir, "contract.sqlite"));

describe("the SQLite Bits ledger", () => {
  bitsLedgerContract(
    async () => createSqliteBitsLedger((await shared).client),
    () => String(++seq),
  );

  it("keeps a claim across a close and a reopen of the file", async () => {
    const path = join(dir, "restart.sqlite");
    const first = await openSqliteStore(path);
    const entry = {
      transactionId: "tx-restart",
      channelId: "1001",
      userId: "424242",
      sku: "mega-hype",
      bits: 500,
      actionId: "a1",
      source: "eventsub" as const,
      claimedAt: "2026-03-01T12:00:00.000Z",
    };
    expect(await first.bits.claim(entry)).toEqual({ claimed: true });
    await first.close();
    const second = await openSqliteStore(path);
    expect(await second.bits.claim({ ...entry, actionId: "a2" })).toEqual({ claimed: false, entry });
    expect(await second.bits.unannounced(10)).toEqual([entry]);
    await second.bits.markAnnounced("tx-restart", { text: "Ana", at: "2026-03-01T12:00:01.000Z" });
    expect(await second.bits.unannounced(10)).toEqual([]);
    await second.close();
  });

  it("forgets an EventSub message id once it is older than the memory window", async () => {
    const ledger = createSqliteBitsLedger((await shared).client);
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(await ledger.firstDelivery("msg-old", now)).toBe(true);
    expect(await ledger.firstDelivery("msg-old", now + EVENTSUB_MESSAGE_MEMORY_MS)).toBe(false);
    expect(await ledger.firstDelivery("msg-old", now + EVENTSUB_MESSAGE_MEMORY_MS + 1)).toBe(true);
  });
});
