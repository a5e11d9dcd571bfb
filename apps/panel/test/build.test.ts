// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TWITCH_HELPER_CDN_URL } from "../vite/twitch-helper.ts";

const panelRoot = path.resolve(import.meta.dirname, "..");
let outDir: string;
let html: string;
let js: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "panel-build-"));
  const previous = process.env.TWITCH_HELPER_URL;
  // Even with the rig's helper configured, a production build must keep Twitch's CDN URL.
  process.env.TWITCH_HELPER_URL = "http://localhost:8090/rig/twitch-ext.js";
  try {
    await build({ root: panelRoot, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  } finally {
    if (previous === undefined) delete process.env.TWITCH_HELPER_URL;
    else process.env.TWITCH_HELPER_URL = previous;
  }
  html = await readFile(path.join(outDir, "index.html"), "utf8");
  const assets = await readdir(path.join(outDir, "assets"));
  const files = await Promise.all(
    assets.filter((f) => f.endsWith(".js")).map((f) => readFile(path.join(outDir, "assets", f), "utf8")),
  );
  js = files.join("\n");
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("production build", () => {
  it("loads Twitch's CDN helper as the first script, before every module script and preload", () => {
    const firstScriptOrPreload = html.search(/<script|<link rel="modulepreload"/);
    expect(html.indexOf(`<script src="${TWITCH_HELPER_CDN_URL}"></script>`)).toBe(firstScriptOrPreload);
    expect(html).not.toContain("localhost:8090");
  });

  it("builds a page for every view the development extension declares (the rig frames each)", async () => {
    const declared = Object.values(DEV_CONFIG.extension.views).map((view) => view.viewerPath);
    expect(declared).toContain("live_config.html");
    const built = await readdir(outDir);
    for (const page of declared) expect(built, page).toContain(page);
  });

  it("refers to its assets with relative paths", () => {
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    const local = refs.filter((ref) => ref !== TWITCH_HELPER_CDN_URL);
    expect(local.length).toBeGreaterThan(0);
    for (const ref of local) expect(ref).toMatch(/^\.\/assets\//);
  });

  it("has no inline scripts (Twitch's CSP forbids them)", () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attributes, body] of scripts) {
      expect(attributes).toContain("src=");
      expect(body?.trim()).toBe("");
    }
  });

  it("bundles no server-side code from the shared package", () => {
    expect(js).not.toMatch(/createHmac|jsonwebtoken|node:crypto/);
  });

  it("imports only the browser entry of @ext/shared in its source", async () => {
    const sources = await readdir(path.join(panelRoot, "src"), { recursive: true });
    for (const file of sources.filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))) {
      const text = await readFile(path.join(panelRoot, "src", file), "utf8");
      expect(text, file).not.toMatch(/@ext\/shared\/(server|testing)/);
    }
  });
});
