import { posix } from "node:path";
import { gzipSync } from "node:zlib";
import { checkBudget, checkHtml, checkJavaScript, checkLayout, formatKiB, type Violation } from "./checks.ts";
import { parseTags } from "./html.ts";

/** One file of the frontend, by its path inside the zip (forward slashes). */
export interface FrontendFile {
  path: string;
  data: Uint8Array;
}

export interface Inspection {
  violations: Violation[];
  /** Human-readable size report, one line per file, then the panel's JavaScript against the budget. */
  report: string[];
  panelJsGzipBytes: number;
}

const gzipSize = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;
const text = (data: Uint8Array) => Buffer.from(data).toString("utf8");

/** Local JavaScript files a page loads: its module scripts and module-preload links, as zip paths. */
export function scriptsOfPage(pagePath: string, html: string): string[] {
  const refs = parseTags(html).flatMap((tag) => {
    if (tag.name === "script") return tag.attributes.src ? [tag.attributes.src] : [];
    const rel = (tag.attributes.rel ?? "").toLowerCase();
    return tag.name === "link" && rel.split(/\s+/).includes("modulepreload") && tag.attributes.href
      ? [tag.attributes.href]
      : [];
  });
  const local = refs.filter((ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(ref));
  return [...new Set(local.map((ref) => posix.normalize(posix.join(posix.dirname(pagePath), ref))))];
}

/**
 * Checks a built frontend against Twitch's rules for hosted files and measures it. Pure: it only reads
 * the files it is given, so tests hand it small bad inputs.
 */
export function inspectFrontend(
  files: readonly FrontendFile[],
  options: { budgetBytes: number },
): Inspection {
  const violations: Violation[] = [...checkLayout(files.map((file) => file.path))];
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

  const panel = files.find((file) => file.path === "index.html");
  const byPath = new Map(files.map((file) => [file.path, file]));
  const panelScripts = panel ? scriptsOfPage(panel.path, text(panel.data)) : [];
  const panelJsGzipBytes = panelScripts.reduce((sum, path) => {
    const script = byPath.get(path);
    if (!script) {
      violations.push({ file: "index.html", reason: `loads ${path}, which is not in the zip` });
      return sum;
    }
    return sum + gzipSize(script.data);
  }, 0);
  violations.push(...checkBudget(panelJsGzipBytes, options.budgetBytes));
  report.push(
    `panel JavaScript (${panelScripts.join(", ")}): ${formatKiB(panelJsGzipBytes)} gzip of ${formatKiB(options.budgetBytes)} budget`,
  );
  return { violations, report, panelJsGzipBytes };
}
