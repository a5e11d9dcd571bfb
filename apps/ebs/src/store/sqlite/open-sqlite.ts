import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { MIGRATIONS, type Migration } from "./migrations.ts";

export const MEMORY_PATH = ":memory:";

/**
 * Opens the SQLite file at `path` (created with its folder when missing; `:memory:` for tests) and brings
 * its schema up to date: every migration of `migrations` newer than the file's is applied, each in one
 * write transaction with its record in `schema_migrations`.
 */
export async function openSqlite(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ client: Client; applied: number[] }> {
  let url = MEMORY_PATH;
  if (path !== MEMORY_PATH) {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true });
    url = `file:${file}`;
  }
  const client = createClient({ url });
  try {
    if (path !== MEMORY_PATH) {
      // WAL: readers do not wait for the writer; a busy file is waited on for a while, not failed at once.
      // synchronous NORMAL (SQLite's advice with WAL): commits are flushed to disk at checkpoints, not one by
      // one, so a count costs 0.6 ms instead of 3.9 ms here (300 in a row, measured); a crash of the process
      // loses nothing committed, a power cut may lose the last commits but never corrupts the file.
      await client.execute("PRAGMA journal_mode = WAL");
      await client.execute("PRAGMA synchronous = NORMAL");
      await client.execute("PRAGMA busy_timeout = 5000");
    }
    await client.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const current = Number(
      (await client.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")).rows[0]?.v ?? 0,
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.batch(
        [
          ...migration.statements,
          {
            sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            args: [migration.version, migration.name, new Date().toISOString()],
          },
        ],
        "write",
      );
      applied.push(migration.version);
    }
    return { client, applied };
  } catch (error) {
    client.close();
    throw error;
  }
}
