import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ensureSystemPackage, runCommand, type SystemPackage } from "@ext/test-kit/system-packages";
import { chromium } from "playwright-core";

const CHROMIUM: SystemPackage = {
  name: "Chromium",
  neededFor: "the browser tests drive it",
  aptPackage: "chromium",
  candidates: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ],
  elsewhere: "macOS: install Google Chrome; or point CHROMIUM_PATH at a Chromium or Chrome binary",
};

/** Flags that keep Chromium quiet on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

async function playwrightDownload(): Promise<string | undefined> {
  console.log("No Chromium found: trying Playwright's own Chromium download");
  const packageJson = createRequire(import.meta.url).resolve("playwright-core/package.json");
  const cli = join(dirname(packageJson), "cli.js");
  const download = await runCommand(process.execPath, [cli, "install", "chromium"]);
  if (!download.ok) console.log(`Playwright's download failed:\n${download.output.slice(-2000)}`);
  return download.ok && existsSync(chromium.executablePath()) ? chromium.executablePath() : undefined;
}

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, a system Chromium or Chrome, else one installed the way
 * this machine allows (Debian's package when root, Playwright's download elsewhere). Never skips silently: with
 * no browser to be had it throws and says how to install one.
 */
export async function ensureChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  try {
    return await ensureSystemPackage(CHROMIUM);
  } catch (missing) {
    const downloaded = await playwrightDownload();
    if (downloaded) return downloaded;
    throw missing;
  }
}
