import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { liveStoreContract } from "../../../test/support/live-store-contract.ts";
import { createSqliteLiveStore } from "./live-store.ts";
import { MIGRATIONS } from "./migrations.ts";
import { openSqlite } from "./open-sqlite.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const dir = mkdtempSync(join(tmpdir(), "ebs-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

describe("the SQLite live store", () => {
  liveStoreContract(
    async () => createSqliteLiveStore((await openSqlite(":memory:")).client),
    () => String(1000 + ++seq),
  );

  it("keeps the counts in its file across a close and a reopen, applying each migration once", async () => {
    const path = join(dir, "nested", "ebs.sqlite");
    const first = await openSqliteStore(path);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    await first.live.countSent("41", {
      hypers: [{ displayName: "Ana", kind: "hype", at: "2026-03-01T12:00:00.000Z" }],
      at: "2026-03-01T12:00:00.000Z",
    });
    await first.close();
    const second = await openSqliteStore(path);
    expect(second.applied).toEqual([]);
    const { state } = await second.live.read("41");
    expect([state.allTimeCount, state.streamCount, state.version]).toEqual([1, 1, 1]);
    expect(state.recent[0]?.displayName).toBe("Ana");
    await second.close();
  });

  it("applies a later migration to a file that has the earlier ones, in its own transaction", async () => {
    const path = join(dir, "later.sqlite");
    await (await openSqliteStore(path)).close();
    const next = {
      version: MIGRATIONS.length + 1,
      name: "a later table",
      statements: ["CREATE TABLE later (id TEXT)"],
    };
    const { client, applied } = await openSqlite(path, [...MIGRATIONS, next]);
    expect(applied).toEqual([next.version]);
    const recorded = await client.execute("SELECT version FROM schema_migrations ORDER BY version");
    expect(recorded.rows.map((r) => Number(r.version))).toEqual([...MIGRATIONS, next].map((m) => m.version));
    client.close();
  });

  it("loses no count when many writes to several channels overlap on one file", async () => {
    const store = await openSqliteStore(join(dir, "busy.sqlite"));
    const at = "2026-03-01T12:00:00.000Z";
    const writes = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0
        ? store.live.setStream(String(i % 3), { live: true, startedAt: "2026-03-01T11:00:00Z" })
        : store.live.countSent(String(i % 3), {
            hypers: [
              { displayName: null, kind: "hype", at },
              { displayName: `v${i}`, kind: "hype", at },
            ],
            at,
          }),
    );
    await Promise.all([...writes, ...["0", "1", "2"].map((ch) => store.live.read(ch))]);
    const counted = 300 - Math.ceil(300 / 7);
    const totals = await Promise.all(
      ["0", "1", "2"].map(async (ch) => (await store.live.read(ch)).state.allTimeCount),
    );
    expect(totals.reduce((a, b) => a + b, 0)).toBe(counted * 2);
    await store.close();
  });

  it("refuses a path it cannot create with a sentence naming SQLITE_PATH", async () => {
    const blocker = join(dir, "a-file");
    await (await openSqliteStore(blocker)).close();
    await expect(openSqliteStore(join(blocker, "inside.sqlite"))).rejects.toThrow(
      /SQLITE_PATH=.*could not be opened/,
    );
  });
});
