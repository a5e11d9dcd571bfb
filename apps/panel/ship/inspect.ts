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
   * The language chunks its scripts may import on demand, largest first, each counted with the chunks it
   * imports in turn (the streamer's messages import the viewer's part of the same language). A page loads
   * one language at a time: the largest is counted.
   */
  languages: string[];
  largestLanguageGzipBytes: number;
  /**
   * Every other chunk the page may load on demand (the Bits shop), with what they import: a viewer may need
   * all of them together, on top of a language, so all are counted.
   */
  onDemand: string[];
  onDemandGzipBytes: number;
  /** `scriptsGzipBytes + largestLanguageGzipBytes + onDemandGzipBytes`: what the budget is checked against. */
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

/** Whether `path` is one language's chunk (`assets/ja-Bx9_kQ2a.js`: Vite names a chunk after its module). */
function isLanguageChunk(path: string, languages: readonly string[]): boolean {
  const name = posix.basename(path);
  return languages.some(
    (language) => name.startsWith(language) && /^(?:-[\w-]+)?\.js$/.test(name.slice(language.length)),
  );
}

function measureView(input: {
  view: string;
  byPath: Map<string, FrontendFile>;
  budgetBytes: number;
  languages: readonly string[];
  violations: Violation[];
}): ViewSize {
  const { view, byPath, violations } = input;
  const page = byPath.get(view);
  const scripts = page ? scriptsOfPage(view, text(page.data)) : [];
  const code = (path: string) => {
    const file = byPath.get(path);
    return file ? text(file.data) : "";
  };
  const size = (path: string) => {
    const file = byPath.get(path);
    if (file) return gzipSize(file.data);
    violations.push({ file: view, reason: `loads ${path}, which is not in the zip` });
    return 0;
  };
  const scriptsGzipBytes = scripts.reduce((sum, path) => sum + size(path), 0);
  /** Chunks loaded on demand, with the chunks they import that are not in `loaded` already (which grows). */
  const withImports = (paths: readonly string[], loaded: Set<string>): number => {
    const pending = [...paths];
    let bytes = 0;
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (loaded.has(next)) continue;
      loaded.add(next);
      bytes += size(next);
      pending.push(...staticImportsOf(next, code(next)));
    }
    return bytes;
  };
  // What the page may import on demand, from its scripts and from the chunks those load (the Bits shop may
  // load more); a language chunk's own imports are only other parts of a language.
  const requested = new Set<string>();
  const reached = new Set<string>(scripts);
  const pending = [...scripts];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const imports = [...staticImportsOf(next, code(next)), ...dynamicImportsOf(next, code(next))];
    for (const path of dynamicImportsOf(next, code(next))) if (!scripts.includes(path)) requested.add(path);
    for (const path of imports) {
      if (reached.has(path) || isLanguageChunk(path, input.languages)) continue;
      reached.add(path);
      pending.push(path);
    }
  }
  const languages = [...requested]
    .filter((path) => isLanguageChunk(path, input.languages))
    .map((path) => ({ path, bytes: withImports([path], new Set(scripts)) }))
    .sort((a, b) => b.bytes - a.bytes);
  const largestLanguageGzipBytes = languages[0]?.bytes ?? 0;
  const onDemand = [...requested].filter((path) => !isLanguageChunk(path, input.languages)).sort();
  const loaded = new Set(scripts);
  // The largest language is loaded already when the on-demand chunks come: what they share is not counted twice.
  withImports(languages[0] ? [languages[0].path] : [], loaded);
  const onDemandGzipBytes = withImports(onDemand, loaded);
  return {
    view,
    scripts,
    scriptsGzipBytes,
    languages: languages.map((chunk) => chunk.path),
    largestLanguageGzipBytes,
    onDemand,
    onDemandGzipBytes,
    totalGzipBytes: scriptsGzipBytes + largestLanguageGzipBytes + onDemandGzipBytes,
    budgetBytes: input.budgetBytes,
  };
}

function describeView(size: ViewSize): string {
  const language =
    size.languages.length > 0
      ? ` + ${formatKiB(size.largestLanguageGzipBytes)} for the largest of ${size.languages.length} language chunks (${size.languages[0]})`
      : "";
  const onDemand =
    size.onDemand.length > 0
      ? ` + ${formatKiB(size.onDemandGzipBytes)} for ${size.onDemand.length} more chunks it may load on demand (${size.onDemand.join(", ")})`
      : "";
  return `${size.view} JavaScript: ${formatKiB(size.scriptsGzipBytes)} at load (${size.scripts.join(", ")})${language}${onDemand} = ${formatKiB(size.totalGzipBytes)} gzip of ${formatKiB(size.budgetBytes)} budget`;
}

/**
 * Checks a built frontend against Twitch's rules for hosted files and measures each view against its
 * budget (`budgets`: bytes of gzipped JavaScript per HTML page; `languages`: the language tags whose chunks
 * are alternatives, one loaded at a time). Pure: it only reads the files it is given, so tests hand it small
 * bad inputs.
 */
export function inspectFrontend(
  files: readonly FrontendFile[],
  options: { budgets: Readonly<Record<string, number>>; languages: readonly string[] },
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
    .map(([view, budgetBytes]) =>
      measureView({ view, byPath, budgetBytes, languages: options.languages, violations }),
    );
  for (const size of views) {
    violations.push(...checkBudget(size.view, size.totalGzipBytes, size.budgetBytes));
    report.push(describeView(size));
  }
  return { violations, report, views };
}
