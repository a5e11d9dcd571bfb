import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/** Flags that keep Chromium quiet on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

function found(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path));
}

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "inherit", timeout: 5 * 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, a system Chromium or Chrome, else one installed the way
 * this machine allows (Debian's package when root, Playwright's download elsewhere). Never skips silently: with
 * no browser to be had it throws and says how to install one.
 */
export function ensureChromium(): string {
  const existing = found();
  if (existing) return existing;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium with apt-get");
    tryRun("apt-get", ["update", "-qq"]);
    if (tryRun("apt-get", ["install", "-y", "-qq", "chromium"])) {
      const installed = found();
      if (installed) return installed;
    }
  }
  console.log("No Chromium found: trying Playwright's own Chromium download");
  const packageJson = createRequire(import.meta.url).resolve("playwright-core/package.json");
  const cli = join(dirname(packageJson), "cli.js");
  if (tryRun(process.execPath, [cli, "install", "chromium"]) && existsSync(chromium.executablePath())) {
    return chromium.executablePath();
  }
  throw new Error(
    "The browser tests need Chromium or Chrome and none was found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome) or point CHROMIUM_PATH at its binary.",
  );
}
