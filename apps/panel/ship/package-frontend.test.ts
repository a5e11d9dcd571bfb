// @vitest-environment node
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Entry, fromBuffer, type ZipFile } from "yauzl";
import manifest from "../package.json" with { type: "json" };
import { LANGUAGES } from "../src/i18n/languages.ts";
import { TWITCH_HELPER_CDN_URL } from "../vite/twitch-helper.ts";
import { checkHtml, checkJavaScript } from "./checks.ts";
import { scriptsOfPage } from "./inspect.ts";
import { budgetsInBytes, packageFrontend } from "./package-frontend.ts";

const root = path.resolve(import.meta.dirname, "..");
let work: string;
let zipFile: string;
let entries: Map<string, Buffer>;
let report: string[];

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error, zip?: ZipFile) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "panel-package-"));
  zipFile = path.join(work, "artifacts", "frontend.zip");
  const result = await packageFrontend({
    root,
    outDir: path.join(work, "dist"),
    zipFile,
    budgets: budgetsInBytes(manifest.sizeBudget.viewJsGzipKiB),
    languages: LANGUAGES,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  report = result.report;
  entries = await readZip(await readFile(zipFile));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const html = () => [...entries].filter(([name]) => name.endsWith(".html"));
const scripts = () => [...entries].filter(([name]) => /\.m?js$/.test(name));

describe("the packaged zip", () => {
  it("holds the panel, the mobile view, the config view and the live config view at its root, not inside a folder", () => {
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining(["index.html", "mobile.html", "config.html", "live_config.html"]),
    );
    for (const name of entries.keys()) {
      expect(name, name).not.toMatch(/^\/|\\|(^|\/)\.\.(\/|$)/);
    }
  });

  it("loads Twitch's CDN helper first on every page, before any script or modulepreload", () => {
    expect(html().map(([name]) => name)).toEqual([
      "config.html",
      "index.html",
      "live_config.html",
      "mobile.html",
    ]);
    for (const [name, data] of html()) {
      const page = data.toString("utf8");
      const first = page.search(/<script|<link[^>]*rel="modulepreload"/);
      expect(page.indexOf(`<script src="${TWITCH_HELPER_CDN_URL}"></script>`), name).toBe(first);
    }
  });

  it("has no inline script, no handler attribute, no remote script and only relative paths", () => {
    for (const [name, data] of html()) {
      const page = data.toString("utf8");
      expect(checkHtml(name, page)).toEqual([]);
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
      for (const ref of refs.filter((r) => r !== TWITCH_HELPER_CDN_URL)) expect(ref, name).toMatch(/^\.\//);
    }
  });

  it("ships every script a page loads, and none of them uses eval or new Function", () => {
    expect(scripts().length).toBeGreaterThan(0);
    for (const [name, data] of html()) {
      for (const script of scriptsOfPage(name, data.toString("utf8")))
        expect(entries.has(script), script).toBe(true);
    }
    for (const [name, data] of scripts()) {
      const code = data.toString("utf8");
      expect(checkJavaScript(name, code)).toEqual([]);
      expect(code).not.toMatch(/\bnew Function\b|(?<![\w$.])eval\(/);
    }
  });

  it("ships a source map for every script, with the original sources for Twitch's reviewers", () => {
    for (const [name] of scripts()) {
      const map = entries.get(`${name}.map`);
      expect(map, `${name}.map`).toBeDefined();
      const parsed = JSON.parse(map?.toString("utf8") ?? "{}") as { sourcesContent?: string[] };
      expect(parsed.sourcesContent?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it("keeps the server side of @ext/shared out of the browser", () => {
    for (const [, data] of scripts())
      expect(data.toString("utf8")).not.toMatch(/createHmac|jsonwebtoken|node:crypto/);
  });

  it("reports each file's size and each view's JavaScript, with its largest language and the Bits shop, against its budget", async () => {
    // The viewer's pages may load only the viewer's part of a language; the streamer's pages their own part too.
    const text = report.join("\n");
    expect(text).toMatch(
      /^index\.html JavaScript: .* for the largest of 6 language chunks \(assets\/ja-[\w-]+\.js\) \+ [\d.]+ KiB for 1 more chunks it may load on demand \(assets\/BitsShop-[\w-]+\.js\)/m,
    );
    expect(text).toMatch(/^config\.html JavaScript: .* for the largest of 12 language chunks [^+]* = /m);
    for (const name of entries.keys()) expect(text).toContain(name);
    for (const [view, budget] of Object.entries(manifest.sizeBudget.viewJsGzipKiB)) {
      expect(text).toMatch(
        new RegExp(
          `^${view.replace(".", "\\.")} JavaScript: [\\d.]+ KiB at load .* \\+ [\\d.]+ KiB for the largest of \\d+ language chunks .* = [\\d.]+ KiB gzip of ${budget}\\.0 KiB budget$`,
          "m",
        ),
      );
    }
    expect((await stat(zipFile)).size).toBeGreaterThan(0);
  });

  it("ships three chunks per language (every page's part, the config view's, the live config view's), which no page loads before it is needed", () => {
    const languages = scripts()
      .map(([name]) => name)
      .filter((name) => /^assets\/(en|de|es|fr|pt-BR|ja)-[\w-]+\.js$/.test(name));
    expect(languages).toHaveLength(18);
    for (const [name, data] of html()) {
      const loaded = scriptsOfPage(name, data.toString("utf8"));
      for (const chunk of languages) expect(loaded, name).not.toContain(chunk);
    }
  });

  it("refuses to write the zip when the panel is over budget, and removes a stale one", async () => {
    const result = await packageFrontend({
      root,
      outDir: path.join(work, "dist-small"),
      zipFile,
      budgets: { "index.html": 1024, "mobile.html": 1024 * 1024, "config.html": 1024 * 1024 },
      languages: LANGUAGES,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.violations).toEqual([
      { file: "index.html", reason: expect.stringContaining("over the 1.0 KiB budget") },
    ]);
    await expect(stat(zipFile)).rejects.toThrow(/ENOENT/);
  }, 120_000);
});
