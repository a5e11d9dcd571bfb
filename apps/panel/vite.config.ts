import { fileURLToPath } from "node:url";
import basicSsl from "@vitejs/plugin-basic-ssl";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { twitchHelperDevUrl } from "./vite/twitch-helper.ts";

/**
 * The extension's pages: the viewer's panel, the mobile view, the broadcaster's config view and live config
 * view (Twitch's dashboard, `mode=dashboard`).
 */
export const PAGES = {
  index: fileURLToPath(new URL("./index.html", import.meta.url)),
  mobile: fileURLToPath(new URL("./mobile.html", import.meta.url)),
  config: fileURLToPath(new URL("./config.html", import.meta.url)),
  live_config: fileURLToPath(new URL("./live_config.html", import.meta.url)),
};

/**
 * The code that follows the live hype: the panel's, the mobile view's and the live config view's; not
 * `@ext/shared`'s dashboard schemas, which only the live config view loads (they stay in its own chunk).
 */
const LIVE_MODULES = /[\\/](?:src[\\/]live|shared[\\/]src[\\/]live)[\\/](?!live-dashboard\.)/;

/** What only the streamer's pages (config, live config) load: their views and their whole catalogues. */
const STREAMER_MODULES = /[\\/]src[\\/](?:config|live-config)[\\/]/;

/**
 * `vite` (mode development): http://localhost:8080, with the rig's helper when TWITCH_HELPER_URL is set.
 * `vite --mode https` (`pnpm dev:https`): Twitch's Local Test at https://localhost:8080/ with a self-signed
 * certificate and always Twitch's own helper, since the page then runs inside twitch.tv.
 */
export default defineConfig(({ mode }) => {
  const localTest = mode === "https";
  return {
    base: "./",
    plugins: [
      react(),
      twitchHelperDevUrl({ helperUrl: localTest ? undefined : process.env.TWITCH_HELPER_URL }),
      ...(localTest ? [basicSsl({ name: "ext-local-test", domains: ["localhost"] })] : []),
    ],
    server: { host: "localhost", port: 8080, strictPort: localTest },
    preview: { host: "localhost", port: 8080 },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      // Minified for size, with source maps shipped beside each file so Twitch's reviewers read the source.
      sourcemap: true,
      // Every browser Twitch supports has modulepreload: no polyfill script to ship.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: PAGES,
        // Chunks with names a reviewer reads: following the live hype (the panel, the mobile view and the
        // live config view) in `live`, so the config view loads none of it; what the two streamer's pages
        // share in `streamer`; what three or four pages load (React, zod/mini, the helper store, the
        // language store, the EBS client) in `common`; what the panel and the mobile view share (the
        // viewer's app) in `viewer`. Only what pages load at once (`$initial`) is grouped: each language's
        // messages stay chunks of their own, the viewer's part and the streamer's part.
        output: {
          codeSplitting: {
            groups: [
              { name: "live", test: LIVE_MODULES, includeDependenciesRecursively: false, priority: 4 },
              {
                name: "streamer",
                test: STREAMER_MODULES,
                tags: ["$initial"],
                minShareCount: 2,
                includeDependenciesRecursively: false,
                priority: 3,
              },
              { name: "common", tags: ["$initial"], minShareCount: 3, priority: 2 },
              { name: "viewer", tags: ["$initial"], minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
