import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./chromium.ts";

/** Where screenshots go: test artifacts, not committed. */
export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error("CHROMIUM_PATH is not set: the e2e global setup did not run.");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Saves a screenshot of the page under artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
