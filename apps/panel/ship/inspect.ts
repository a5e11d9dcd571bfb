import { posix } from "node:path";
import { gzipSync } from "node:zlib";
import {
  checkBudget,
  checkHtml,
  checkJavaScript,
  checkLayout,
  checkViews,
  formatKiB,
  type Violation,
} from "./checks.ts";
import { parseTags } from "./html.ts";

/** One file of the frontend, by its path inside the zip (forward slashes). */
export interface FrontendFile {
  path: string;
  data: Uint8Array;
}

/** What one view (an HTML page Twitch loads) costs a viewer in JavaScript, gzipped. */
export interface ViewSize {
  view: string;
  /** The scripts the page loads at once: its module script and module-preload links. */
  scripts: string[];
  scriptsGzipBytes: number;
  /**
   * Chunks its scripts may import on demand (one language's messages each), largest first, each counted with
   * the chunks it imports in turn (the streamer's messages import the viewer's part of the same language).
   */
  onDemand: string[];
  /** The largest of those: a viewer loads the page's scripts and one of them (with what it imports). */
  largestOnDemandGzipBytes: number;
  /** `scriptsGzipBytes + largestOnDemandGzipBytes`: what the budget is checked against. */
  totalGzipBytes: number;
  budgetBytes: number;
}

export interface Inspection {
  violations: Violation[];
  /** Human-readable size report: one line per file, then one per view against its budget. */
  report: string[];
  views: ViewSize[];
}

const gzipSize = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;
const text = (data: Uint8Array) => Buffer.from(data).toString("utf8");
const isLocal = (ref: string) => !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(ref);
const resolve = (from: string, ref: string) => posix.normalize(posix.join(posix.dirname(from), ref));

/** Local JavaScript files a page loads: its module scripts and module-preload links, as zip paths. */
export function scriptsOfPage(pagePath: string, html: string): string[] {
  const refs = parseTags(html).flatMap((tag) => {
    if (tag.name === "script") return tag.attributes.src ? [tag.attributes.src] : [];
    const rel = (tag.attributes.rel ?? "").toLowerCase();
    return tag.name === "link" && rel.split(/\s+/).includes("modulepreload") && tag.attributes.href
      ? [tag.attributes.href]
      : [];
  });
  return [...new Set(refs.filter(isLocal).map((ref) => resolve(pagePath, ref)))];
}

const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

/** The local chunks a script imports on demand (`import("./de-x.js")`), as zip paths. */
export function dynamicImportsOf(scriptPath: string, code: string): string[] {
  return [...new Set([...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolve(scriptPath, m[1] ?? "")))];
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/** The local chunks a script imports statically (`import{a}from"./ja-x.js"`, `import "./x.js"`), as zip paths. */
export function staticImportsOf(scriptPath: string, code: string): string[] {
  return [...new Set([...code.matchAll(STATIC_IMPORT)].map((m) => resolve(scriptPath, m[1] ?? "")))];
}

function measureView(input: {
  view: string;
  byPath: Map<string, FrontendFile>;
  budgetBytes: number;
  violations: Violation[];
}): ViewSize {
  const { view, byPath, violations } = input;
  const page = byPath.get(view);
  const scripts = page ? scriptsOfPage(view, text(page.data)) : [];
  const size = (path: string) => {
    const file = byPath.get(path);
    if (file) return gzipSize(file.data);
    violations.push({ file: view, reason: `loads ${path}, which is not in the zip` });
    return 0;
  };
  const scriptsGzipBytes = scripts.reduce((sum, path) => sum + size(path), 0);
  /** A chunk loaded on demand, with the chunks it imports that the page did not load already. */
  const withImports = (path: string): number => {
    const seen = new Set<string>(scripts);
    const pending = [path];
    let bytes = 0;
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      bytes += size(next);
      const file = byPath.get(next);
      if (file) pending.push(...staticImportsOf(next, text(file.data)));
    }
    return bytes;
  };
  const onDemand = [
    ...new Set(
      scripts.flatMap((path) => {
        const file = byPath.get(path);
        return file ? dynamicImportsOf(path, text(file.data)) : [];
      }),
    ),
  ]
    .filter((path) => !scripts.includes(path))
    .map((path) => ({ path, bytes: withImports(path) }))
    .sort((a, b) => b.bytes - a.bytes);
  const largestOnDemandGzipBytes = onDemand[0]?.bytes ?? 0;
  return {
    view,
    scripts,
    scriptsGzipBytes,
    onDemand: onDemand.map((chunk) => chunk.path),
    largestOnDemandGzipBytes,
    totalGzipBytes: scriptsGzipBytes + largestOnDemandGzipBytes,
    budgetBytes: input.budgetBytes,
  };
}

function describeView(size: ViewSize): string {
  const onDemand =
    size.onDemand.length > 0
      ? ` + ${formatKiB(size.largestOnDemandGzipBytes)} for the largest of ${size.onDemand.length} chunks loaded on demand (${size.onDemand[0]})`
      : "";
  return `${size.view} JavaScript: ${formatKiB(size.scriptsGzipBytes)} at load (${size.scripts.join(", ")})${onDemand} = ${formatKiB(size.totalGzipBytes)} gzip of ${formatKiB(size.budgetBytes)} budget`;
}

/**
 * Checks a built frontend against Twitch's rules for hosted files and measures each view against its
 * budget (`budgets`: bytes of gzipped JavaScript per HTML page). Pure: it only reads the files it is given,
 * so tests hand it small bad inputs.
 */
export function inspectFrontend(
  files: readonly FrontendFile[],
  options: { budgets: Readonly<Record<string, number>> },
): Inspection {
  const paths = files.map((file) => file.path);
  const violations: Violation[] = [...checkLayout(paths), ...checkViews(paths, Object.keys(options.budgets))];
  for (const file of files) {
    if (file.path.endsWith(".html")) violations.push(...checkHtml(file.path, text(file.data)));
    if (/\.m?js$/.test(file.path)) violations.push(...checkJavaScript(file.path, text(file.data)));
  }

  const report = files.map((file) => {
    const gzip = /\.(?:html|m?js|css|json|svg)$/.test(file.path)
      ? `  gzip ${formatKiB(gzipSize(file.data))}`
      : "";
    return `${file.path.padEnd(44)} ${formatKiB(file.data.length).padStart(10)}${gzip}`;
  });

  const byPath = new Map(files.map((file) => [file.path, file]));
  const views = Object.entries(options.budgets)
    .filter(([view]) => byPath.has(view))
    .map(([view, budgetBytes]) => measureView({ view, byPath, budgetBytes, violations }));
  for (const size of views) {
    violations.push(...checkBudget(size.view, size.totalGzipBytes, size.budgetBytes));
    report.push(describeView(size));
  }
  return { violations, report, views };
}
