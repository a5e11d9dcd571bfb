import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { twitchHelperDevUrl } from "./vite/twitch-helper.ts";

export default defineConfig({
  base: "./",
  plugins: [react(), twitchHelperDevUrl({ helperUrl: process.env.TWITCH_HELPER_URL })],
  server: { host: "localhost", port: 8080, strictPort: false },
  preview: { host: "localhost", port: 8080 },
  build: { outDir: "dist", emptyOutDir: true },
});
