// @vitest-environment node
import { createServer, type ViteDevServer } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { TWITCH_HELPER_CDN_URL, twitchHelperDevUrl } from "./twitch-helper.ts";

const page = `<!doctype html><html><head><script src="${TWITCH_HELPER_CDN_URL}"></script><script type="module" src="./src/main.tsx"></script></head><body></body></html>`;
const rigHelper = "http://localhost:8090/rig/twitch-ext.js";

let server: ViteDevServer | undefined;

async function devServerHtml(helperUrl: string | undefined): Promise<string> {
  server = await createServer({
    configFile: false,
    root: import.meta.dirname,
    logLevel: "silent",
    plugins: [twitchHelperDevUrl({ helperUrl })],
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  return server.transformIndexHtml("/index.html", page);
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("twitch helper dev plugin", () => {
  it("serves the rig's helper instead of Twitch's CDN copy when TWITCH_HELPER_URL is set", async () => {
    const html = await devServerHtml(rigHelper);
    expect(html).toContain(`<script src="${rigHelper}"></script>`);
    expect(html).not.toContain(TWITCH_HELPER_CDN_URL);
  });

  it("keeps the helper the first script, ahead of what the dev server injects", async () => {
    const html = await devServerHtml(rigHelper);
    expect(html).toContain("/@vite/client");
    expect(html.indexOf("<script")).toBe(html.indexOf(`<script src="${rigHelper}">`));
  });

  it("leaves Twitch's CDN helper in place when no URL is given", async () => {
    const html = await devServerHtml(undefined);
    expect(html).toContain(`<script src="${TWITCH_HELPER_CDN_URL}"></script>`);
  });

  it("only applies to the dev server, never to production builds", () => {
    expect(twitchHelperDevUrl({ helperUrl: rigHelper }).apply).toBe("serve");
  });
});
