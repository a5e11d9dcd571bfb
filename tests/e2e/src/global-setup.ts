import { ensureChromium } from "./chromium.ts";
import { ensureEmojiFont } from "./emoji-font.ts";
import { ensureJapaneseFont } from "./japanese-font.ts";

/**
 * Obtains the fonts and Chromium once before any browser test runs (the fonts first, so the browser starts
 * with them), and hands Chromium's path to the tests.
 */
export default async function setup(): Promise<void> {
  await ensureEmojiFont();
  await ensureJapaneseFont();
  process.env.CHROMIUM_PATH = await ensureChromium();
}
