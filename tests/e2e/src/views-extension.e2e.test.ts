import { AxeBuilder } from "@axe-core/playwright";
import { type RunningStack, startStack } from "@ext/rig/stack";
import type { Browser, BrowserContextOptions, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";

type View = "index.html" | "mobile.html" | "config.html" | "live_config.html";

/** The `mode` Twitch gives each view: the broadcaster's settings page, the live dashboard, or a viewer's. */
const MODES: Record<View, string> = {
  "index.html": "viewer",
  "mobile.html": "viewer",
  "config.html": "config",
  "live_config.html": "dashboard",
};

let stack: RunningStack;
let browser: Browser;
let channelId: string;
const stackLog: string[] = [];

/** What Twitch puts in each view's query string (TWITCH.md), with `overrides` (language, platform...). */
function viewUrl(view: View, overrides: Record<string, string> = {}): string {
  const url = new URL(`${stack.urls.panel}/${view}`);
  const query = {
    anchor: "panel",
    language: "en",
    locale: "en-US",
    mode: MODES[view],
    platform: view === "mobile.html" ? "mobile" : "web",
    popout: "false",
    state: "released",
    ...overrides,
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Opens one of the extension's pages on its own, the way a Twitch frame loads it: the rig's helper, with no
 * rig page around it, asks the rig for an identified viewer's token on the first channel and follows the
 * rig's events itself (the rig UI's own mobile and config frames are another engineer's work).
 */
async function openView(
  view: View,
  options: { query?: Record<string, string>; context?: BrowserContextOptions } = {},
): Promise<Page> {
  const context = await browser.newContext(options.context ?? { viewport: { width: 318, height: 496 } });
  const page = await context.newPage();
  await page.goto(viewUrl(view, options.query));
  await ready(page, view);
  return page;
}

/** Waits until the view is authorized and shows its controls. */
async function ready(page: Page | Frame, view: View): Promise<void> {
  if (view === "config.html") await page.locator("textarea").waitFor({ timeout: 20_000 });
  else if (view === "live_config.html") await page.locator(".dashboard__chat").waitFor({ timeout: 20_000 });
  else await page.locator(".action-button:enabled").waitFor({ timeout: 20_000 });
}

async function closeView(page: Page): Promise<void> {
  await page.context().close();
}

/** `PATCH /rig/api/channels/:id/context`: what Twitch's page tells the helper's onContext. */
async function pushContext(context: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${stack.urls.rig}/rig/api/channels/${channelId}/context`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ context }),
  });
  if (res.status !== 200) throw new Error(`the rig refused the context: ${res.status} ${await res.text()}`);
}

async function chatTexts(): Promise<string[]> {
  const res = await fetch(`${stack.urls.rig}/rig/api/channels/${channelId}/chat`);
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  return messages.map((m) => m.text);
}

/** axe-core's serious and critical violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

beforeAll(async () => {
  stack = await startStack({ log: (line) => stackLog.push(line), ebsEnv: { SQLITE_PATH: ":memory:" } });
  browser = await launchBrowser();
  const state = (await (await fetch(`${stack.urls.rig}/rig/api/state`)).json()) as {
    channels: { broadcasterId: string }[];
  };
  channelId = state.channels[0]?.broadcasterId ?? "";
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the mobile view on a phone", () => {
  it("sends hype to chat with a tap, laid out for the phone's width", async () => {
    const page = await openView("mobile.html", {
      context: {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    });
    try {
      const button = page.getByRole("button", { name: "Send hype" });
      const box = await button.boundingBox();
      expect(box?.width, "the button spans the phone's width, less its margins").toBeGreaterThanOrEqual(340);
      expect(box?.height, "a thumb-sized target").toBeGreaterThanOrEqual(64);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await button.tap();
      const line = page.locator(".chat-line");
      await line.waitFor({ timeout: 20_000 });
      const text = (await line.textContent())?.trim() ?? "";
      expect(text).toMatch(/sent some hype/);
      await expect.poll(chatTexts, { timeout: 10_000 }).toContain(text);
      await expect.poll(() => page.getByRole("status").textContent()).toContain("Sent to chat!");
      await screenshot(page, "views-mobile-390-sent");
    } finally {
      await closeView(page);
    }
  });
});

describe("the viewer's language", () => {
  it("shows German for language=de, and switches to Japanese at once when onContext says ja", async () => {
    const page = await openView("index.html", { query: { language: "de", locale: "de-DE" } });
    try {
      await page.getByRole("button", { name: "Hype senden" }).waitFor();
      expect(await page.getByText(/Feuere den Stream an/).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
      await screenshot(page, "views-panel-de");

      const asked = Date.now();
      await pushContext({ language: "ja" });
      await page.getByRole("button", { name: "ハイプを送る" }).waitFor({ timeout: 2_000 });
      expect(Date.now() - asked, "switched within two seconds").toBeLessThan(2_000);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("ja");
      expect(await page.getByRole("button", { name: "Hype senden" }).count()).toBe(0);
      await screenshot(page, "views-panel-ja");
    } finally {
      await closeView(page);
      await pushContext({ language: "en" });
    }
  });

  it("switches the rig's own frames too: the rig UI passes the context on to each frame", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(stack.urls.open);
      const frame = await (
        await page.waitForSelector('iframe[data-viewer="identified"][data-mode="viewer"]')
      ).contentFrame();
      if (!frame) throw new Error("the identified frame has no document");
      await frame.getByRole("button", { name: "Send hype" }).waitFor({ timeout: 20_000 });

      await pushContext({ language: "ja" });
      await frame.getByRole("button", { name: "ハイプを送る" }).waitFor({ timeout: 2_000 });
      await screenshot(page, "views-rig-frames-ja");
    } finally {
      await context.close();
      await pushContext({ language: "en" });
    }
  });
});

describe("accessibility (axe-core, Chromium)", () => {
  const views: View[] = ["index.html", "mobile.html", "config.html", "live_config.html"];
  const sizes: Record<View, BrowserContextOptions> = {
    "index.html": { viewport: { width: 318, height: 496 } },
    "mobile.html": { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    "config.html": { viewport: { width: 1000, height: 800 } },
    "live_config.html": { viewport: { width: 420, height: 500 } },
  };

  for (const view of views) {
    it(`${view} has no serious or critical violation in the dark and the light theme`, async () => {
      const page = await openView(view, { context: sizes[view] });
      try {
        expect(await seriousViolations(page), `${view}, dark`).toEqual([]);
        await pushContext({ theme: "light" });
        await page.locator('main[data-theme="light"]').waitFor({ timeout: 2_000 });
        expect(await seriousViolations(page), `${view}, light`).toEqual([]);
      } finally {
        await pushContext({ theme: "dark" });
        await closeView(page);
      }
    });
  }

  it("the mobile view's live region and countdown pass too, in German", async () => {
    const page = await openView("mobile.html", {
      query: { language: "de", locale: "de-DE" },
      context: sizes["mobile.html"],
    });
    try {
      // The phone's viewer clicked in the first test: the EBS's cooldown answers, and the panel counts down.
      await page.getByRole("button", { name: "Hype senden" }).tap();
      await expect
        .poll(() => page.getByRole("status").textContent(), { timeout: 10_000 })
        .toMatch(/Der Hype kühlt ab|Im Chat gepostet/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "views-mobile-390-de-after-tap");
    } finally {
      await closeView(page);
    }
  });
});

describe("each view at 800 px and 1440 px", () => {
  for (const width of [800, 1440]) {
    for (const view of ["index.html", "mobile.html", "config.html", "live_config.html"] as const) {
      it(`${view} at ${width} px`, async () => {
        const page = await openView(view, { context: { viewport: { width, height: 900 } } });
        try {
          const main = await page.locator("main").boundingBox();
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          if (view === "index.html") expect(main?.width).toBe(318);
          if (view === "mobile.html") expect(main?.width).toBe(560);
          if (view === "live_config.html") expect(main?.width, "a dashboard widget's width").toBe(480);
          if (view === "config.html") {
            const form = await page.locator(".settings__edit").boundingBox();
            const preview = await page.locator(".settings__preview").boundingBox();
            expect(main?.width, "wider than a panel").toBeGreaterThan(700);
            expect(preview?.x, "the preview beside the form").toBeGreaterThan(
              (form?.x ?? 0) + (form?.width ?? 0),
            );
          }
          await screenshot(page, `views-${view.replace(".html", "")}-${width}`);
        } finally {
          await closeView(page);
        }
      });
    }
  }
});
