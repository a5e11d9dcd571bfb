import { ensureChromium } from "./chromium.ts";
import { ensureEmojiFont } from "./emoji-font.ts";

/**
 * Obtains the emoji font and Chromium once before any browser test runs (the font first, so the browser
 * starts with it), and hands Chromium's path to the tests.
 */
export default async function setup(): Promise<void> {
  await ensureEmojiFont();
  process.env.CHROMIUM_PATH = await ensureChromium();
}
