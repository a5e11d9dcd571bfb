import { ensureChromium } from "./chromium.ts";

/** Finds (or installs) Chromium once before any browser test runs, and hands its path to the tests. */
export default function setup(): void {
  process.env.CHROMIUM_PATH = ensureChromium();
}
