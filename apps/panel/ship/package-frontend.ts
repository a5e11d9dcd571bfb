import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "vite";
import { readFrontendFiles } from "./files.ts";
import { inspectFrontend } from "./inspect.ts";
import { writeZip } from "./zip.ts";

export interface PackageOptions {
  /** The panel package's folder (holds vite.config.ts). */
  root: string;
  /** Where the build goes before it is zipped. */
  outDir: string;
  /** The zip to write. */
  zipFile: string;
  /** Bytes of gzipped JavaScript each view (HTML page) may load. */
  budgets: Readonly<Record<string, number>>;
  /** The language tags whose chunks a page loads one at a time (`LANGUAGES`). */
  languages: readonly string[];
  log?: (line: string) => void;
}

/** `{ "index.html": 80 }` (KiB, as package.json's `sizeBudget.viewJsGzipKiB` says) in bytes. */
export function budgetsInBytes(kib: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(kib).map(([view, budget]) => [view, budget * 1024]));
}

export type PackageResult =
  | { ok: true; zipFile: string; report: string[] }
  | { ok: false; report: string[]; violations: Array<{ file: string; reason: string }> };

/**
 * Builds the frontend for production, checks every file against Twitch's hosted-frontend rules and the
 * size budget of each view, and writes the zip only when nothing is wrong (a stale zip from before is removed).
 */
export async function packageFrontend(options: PackageOptions): Promise<PackageResult> {
  // A production build even when started from a test runner, which sets NODE_ENV=test: Vite's React plugin
  // then compiles JSX for development (jsxDEV with file names, 0.7 KiB more per view) and the define keeps
  // React's development build out.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: options.root,
      configFile: path.join(options.root, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: { outDir: options.outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const files = await readFrontendFiles(options.outDir);
  const { violations, report } = inspectFrontend(files, {
    budgets: options.budgets,
    languages: options.languages,
  });
  await rm(options.zipFile, { force: true });
  if (violations.length > 0) return { ok: false, report, violations };
  await writeZip(files, options.zipFile);
  return { ok: true, zipFile: options.zipFile, report };
}
