import { readFile } from "node:fs/promises";
import express from "express";
import { createBrowserBundle } from "./bundle.ts";
import { rigPageHtml } from "./page.ts";

const JS = "text/javascript; charset=utf-8";

/**
 * The rig's browser files: `/` (the rig UI), `/rig/twitch-ext.js` (the mock Extension Helper the panel loads
 * instead of Twitch's CDN helper), `/rig/ui.js` and `/rig/ui.css`. The TypeScript under `helper/` and `ui/`
 * is bundled with esbuild on the first request and cached.
 */
export function createBrowserRoutes(): express.Router {
  const router = express.Router();
  const helper = createBrowserBundle("./helper/entry.ts");
  const ui = createBrowserBundle("./ui/main.ts");
  const cssUrl = new URL("./ui/styles.css", import.meta.url);

  router.get("/", (_req, res) => {
    res.set("Cache-Control", "no-store").type("html").send(rigPageHtml());
  });

  router.get("/rig/twitch-ext.js", async (_req, res) => {
    const code = await helper.code();
    res.set({
      "Content-Type": JS,
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Cache-Control": "no-store",
    });
    res.send(code);
  });

  router.get("/rig/ui.js", async (_req, res) => {
    const code = await ui.code();
    res.set({ "Content-Type": JS, "Cache-Control": "no-store" }).send(code);
  });

  router.get("/rig/ui.css", async (_req, res) => {
    const css = await readFile(cssUrl, "utf8");
    res.set({ "Content-Type": "text/css; charset=utf-8", "Cache-Control": "no-store" }).send(css);
  });

  return router;
}
