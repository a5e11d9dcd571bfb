import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { twitchHelperDevUrl } from "./vite/twitch-helper.ts";

/** The extension's pages: the viewer's panel and the broadcaster's config view. */
export const PAGES = {
  index: fileURLToPath(new URL("./index.html", import.meta.url)),
  config: fileURLToPath(new URL("./config.html", import.meta.url)),
};

export default defineConfig({
  base: "./",
  plugins: [react(), twitchHelperDevUrl({ helperUrl: process.env.TWITCH_HELPER_URL })],
  server: { host: "localhost", port: 8080, strictPort: false },
  preview: { host: "localhost", port: 8080 },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Minified for size, with source maps shipped beside each file so Twitch's reviewers read the source.
    sourcemap: true,
    // Every browser Twitch supports has modulepreload: no polyfill script to ship.
    modulePreload: { polyfill: false },
    rolldownOptions: { input: PAGES },
  },
});
