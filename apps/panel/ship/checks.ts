import { TWITCH_HELPER_CDN_URL } from "../vite/twitch-helper.ts";
import { type HtmlTag, parseTags } from "./html.ts";

/** A rule of Twitch's hosted frontend that a file breaks. */
export interface Violation {
  file: string;
  reason: string;
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function isModulePreload(tag: HtmlTag): boolean {
  return (
    tag.name === "link" && (tag.attributes.rel ?? "").toLowerCase().split(/\s+/).includes("modulepreload")
  );
}

function describeTag(tag: HtmlTag): string {
  if (tag.name === "script")
    return tag.attributes.src ? `<script src="${tag.attributes.src}">` : "an inline <script>";
  return `<link rel="modulepreload" href="${tag.attributes.href ?? ""}">`;
}

/** Twitch's helper must be the first script of the page, ahead of scripts and module-preload links. */
export function checkHelperFirst(file: string, html: string): Violation[] {
  const loaders = parseTags(html).filter((tag) => tag.name === "script" || isModulePreload(tag));
  const helperAt = loaders.findIndex(
    (tag) => tag.name === "script" && tag.attributes.src === TWITCH_HELPER_CDN_URL,
  );
  if (helperAt === -1) {
    return [{ file, reason: `does not load Twitch's helper ${TWITCH_HELPER_CDN_URL}` }];
  }
  const first = loaders[0];
  if (helperAt > 0 && first) {
    return [{ file, reason: `${describeTag(first)} comes before Twitch's helper, which must load first` }];
  }
  return [];
}

/** Twitch's CSP has no 'unsafe-inline': no inline script and no `on*=` handler attribute. */
export function checkNoInlineScript(file: string, html: string): Violation[] {
  const violations: Violation[] = [];
  for (const tag of parseTags(html)) {
    if (tag.name === "script" && (!tag.attributes.src || (tag.body ?? "").trim() !== "")) {
      violations.push({ file, reason: "has an inline <script> (Twitch's CSP blocks it): move it to a file" });
    }
    for (const name of Object.keys(tag.attributes)) {
      if (/^on[a-z]+$/.test(name)) {
        violations.push({
          file,
          reason: `has an inline handler ${name}= on <${tag.name}> (Twitch's CSP blocks it)`,
        });
      }
    }
  }
  return violations;
}

/** Every script other than the helper is shipped in the zip; every local path is relative. */
export function checkPaths(file: string, html: string): Violation[] {
  const violations: Violation[] = [];
  for (const tag of parseTags(html)) {
    for (const attribute of ["src", "href"] as const) {
      const value = tag.attributes[attribute];
      if (value === undefined || value === TWITCH_HELPER_CDN_URL) continue;
      const loadsScript = tag.name === "script" || isModulePreload(tag);
      if (REMOTE.test(value)) {
        if (loadsScript)
          violations.push({ file, reason: `loads a remote script ${value}: ship it in the zip` });
      } else if (value.startsWith("/")) {
        violations.push({
          file,
          reason: `uses the absolute path ${value}: Twitch serves the files under a folder, use ./`,
        });
      }
    }
  }
  return violations;
}

/** Twitch's own rules for the page: no `<meta>` CSP, no iframes. */
export function checkForbiddenTags(file: string, html: string): Violation[] {
  const violations: Violation[] = [];
  for (const tag of parseTags(html)) {
    if (tag.name === "iframe") violations.push({ file, reason: "has an <iframe> (Twitch forbids them)" });
    if (
      tag.name === "meta" &&
      (tag.attributes["http-equiv"] ?? "").toLowerCase() === "content-security-policy"
    ) {
      violations.push({ file, reason: "sets its own CSP in a <meta> tag (Twitch sets the CSP)" });
    }
  }
  return violations;
}

/** All the HTML rules for one page. */
export function checkHtml(file: string, html: string): Violation[] {
  return [
    ...checkHelperFirst(file, html),
    ...checkNoInlineScript(file, html),
    ...checkPaths(file, html),
    ...checkForbiddenTags(file, html),
  ];
}

const EVAL_LIKE: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /(?<![\w$.])eval\s*\(/, what: "calls eval(" },
  { pattern: /(?<![\w$.'"`])Function(?![\w$'"`])/, what: "uses the Function constructor" },
  {
    pattern: /(?<![\w$.])set(?:Timeout|Interval)\s*\(\s*["'`]/,
    what: "passes a string to setTimeout/setInterval",
  },
  { pattern: /\bimport\s*\(\s*["'`](?:https?:)?\/\//, what: "imports a remote module" },
  { pattern: /\bfrom\s*["'`](?:https?:)?\/\//, what: "imports a remote module" },
];

/**
 * Twitch's CSP has no 'unsafe-eval'. Any reference to `eval` or the global `Function` constructor in the
 * shipped JavaScript is refused, with no allow-list: the panel uses `zod/mini`, which never probes
 * `new Function` (classic zod's guarded probe would be caught here, on purpose).
 */
export function checkJavaScript(file: string, code: string): Violation[] {
  return EVAL_LIKE.filter(({ pattern }) => pattern.test(code)).map(({ what }) => ({
    file,
    reason: `${what} (Twitch's CSP forbids eval and remote code)`,
  }));
}

/** Files must sit at the zip's root (not in one folder), under relative, portable paths. */
export function checkLayout(paths: readonly string[]): Violation[] {
  const violations: Violation[] = [];
  for (const path of paths) {
    if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) {
      violations.push({ file: path, reason: "has an absolute path inside the zip" });
    } else if (path.split(/[\\/]/).includes("..") || path.includes("\\")) {
      violations.push({ file: path, reason: "has a path with .. or a backslash inside the zip" });
    }
  }
  if (!paths.includes("index.html")) {
    const folders = new Set(paths.map((path) => path.split("/")[0]));
    const inOneFolder = folders.size === 1 && paths.every((path) => path.includes("/"));
    violations.push({
      file: "index.html",
      reason: inOneFolder
        ? `is not at the zip's root: every file is inside the folder ${[...folders][0]}/ (zip the files, not the folder)`
        : "is missing from the zip's root",
    });
  }
  return violations;
}

/** One view's JavaScript (gzip) against its budget. */
export function checkBudget(view: string, jsGzipBytes: number, budgetBytes: number): Violation[] {
  if (jsGzipBytes <= budgetBytes) return [];
  return [
    {
      file: view,
      reason: `loads ${formatKiB(jsGzipBytes)} of JavaScript (gzip), over the ${formatKiB(budgetBytes)} budget`,
    },
  ];
}

/** Every view Twitch loads (the budget's pages: panel, mobile, config) must be in the zip. */
export function checkViews(paths: readonly string[], views: readonly string[]): Violation[] {
  return views
    .filter((view) => !paths.includes(view))
    .map((view) => ({ file: view, reason: "is missing: Twitch loads this view from the zip's root" }));
}

export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
