import { AxeBuilder } from "@axe-core/playwright";
import { type RunningStack, startStack } from "@ext/rig/stack";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, screenshot } from "./browser.ts";

let stack: RunningStack;
let browser: Browser;
let page: Page;
const CHANNEL = "41000001";
const ANA = "51000001";
const BO = "51000002";

async function rigApi<T = unknown>(path: string, init: { method: string; body?: unknown }): Promise<T> {
  const res = await fetch(`${stack.urls.rig}/rig/api${path}`, {
    method: init.method,
    headers: { "Content-Type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The identity-shared viewer's panel (Ana) once it lists the products, and its frame key in the rig page. */
async function anasPanel(): Promise<{ frame: Frame; key: string }> {
  const handle = await page.waitForSelector('iframe[data-viewer="identified"][data-mode="viewer"]');
  const key = (await handle.getAttribute("data-testid"))?.replace("rig-frame-", "") ?? "";
  const frame = await handle.contentFrame();
  if (!frame || key === "") throw new Error("the identified viewer's frame has no document");
  await frame.locator('section.bits button[data-sku="mega-hype"]').waitFor({ timeout: 30_000 });
  return { frame, key };
}

const buy = (frame: Frame, sku: string) => frame.locator(`section.bits button[data-sku="${sku}"]`).click();
const purchaseWords = (frame: Frame) => frame.locator("section.bits .status").textContent();
const chatLines = (text: string) => page.getByTestId("rig-chat-message").filter({ hasText: text });

beforeAll(async () => {
  stack = await startStack({ log: () => {}, ebsEnv: { SQLITE_PATH: ":memory:" } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  const open = new URL(stack.urls.open);
  open.searchParams.set("channel", CHANNEL);
  await page.goto(open.href);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

beforeEach(async () => {
  await rigApi(`/channels/${CHANNEL}`, { method: "PATCH", body: { bitsEligible: true } });
  await rigApi(`/bits/balances/${ANA}`, { method: "PUT", body: { balance: 1000 } });
});

describe("Bits in the panel, through the rig and the EBS, in Chromium", () => {
  it("a viewer buys Mega Hype in the rig's confirmation; chat names them with the amount, once", async () => {
    const { frame, key } = await anasPanel();
    const handle = await page.waitForSelector('iframe[data-viewer="identified"][data-mode="viewer"]');
    await handle.screenshot({ path: `${ARTIFACTS}/bits-panel-products.png` });

    await buy(frame, "mega-hype");
    await expect.poll(() => purchaseWords(frame)).toBe("Confirm the purchase in Twitch's window…");
    await page.getByTestId(`rig-bits-confirm-${key}`).click();

    await expect
      .poll(() => purchaseWords(frame), { timeout: 20_000 })
      .toMatch(/^Announced in chat!Ana cheered 500 Bits: Mega Hype!/);
    await chatLines("Ana cheered 500 Bits: Mega Hype!").first().waitFor({ timeout: 10_000 });
    await handle.screenshot({ path: `${ARTIFACTS}/bits-panel-announced.png` });
    await screenshot(page, "bits-panel-rig-announced");
    // The panel, EventSub and the transactions API all report it: chat still reads it once.
    await page.waitForTimeout(3_000);
    expect(await chatLines("Ana cheered 500 Bits: Mega Hype!").count()).toBe(1);
  });

  it("cancel and not enough Bits end in the panel's words, with nothing spent", async () => {
    const { frame, key } = await anasPanel();
    await buy(frame, "small-cheer");
    await page.getByTestId(`rig-bits-cancel-${key}`).click();
    await expect.poll(() => purchaseWords(frame)).toBe("Purchase cancelled.No Bits were spent.");

    await rigApi(`/bits/balances/${ANA}`, { method: "PUT", body: { balance: 10 } });
    await buy(frame, "mega-hype");
    await expect
      .poll(() => page.getByTestId(`rig-bits-prompt-${key}`).textContent())
      .toContain("Not enough Bits");
    await page.getByTestId(`rig-bits-cancel-${key}`).click();
    await expect.poll(() => purchaseWords(frame)).toBe("Purchase cancelled.No Bits were spent.");
    expect(await page.getByTestId(`rig-bits-balance-${ANA}`).inputValue()).toBe("10");
  });

  it("the panel with its products, and a cancelled purchase's words, pass axe in the dark and the light theme", async () => {
    const context = await browser.newContext({ viewport: { width: 318, height: 496 } });
    try {
      const alone = await context.newPage();
      const url = new URL(`${stack.urls.panel}/index.html`);
      for (const [name, value] of Object.entries({
        anchor: "panel",
        language: "en",
        mode: "viewer",
        state: "released",
      }))
        url.searchParams.set(name, value);
      await alone.goto(url.href);
      await alone.locator('section.bits button[data-sku="mega-hype"]').waitFor({ timeout: 30_000 });
      // Opened alone, the rig's helper cancels useBits (no rig page to draw the confirmation): the panel says so.
      await alone.locator('section.bits button[data-sku="mega-hype"]').click();
      await expect
        .poll(() => alone.locator("section.bits .status").textContent())
        .toBe("Purchase cancelled.No Bits were spent.");
      for (const theme of ["dark", "light"] as const) {
        await rigApi(`/channels/${CHANNEL}/context`, { method: "PATCH", body: { context: { theme } } });
        await alone.locator(`main[data-theme="${theme}"]`).waitFor({ timeout: 5_000 });
        const { violations } = await new AxeBuilder({ page: alone }).analyze();
        const serious = violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(serious, theme).toEqual([]);
        await screenshot(alone, `bits-panel-alone-${theme}`);
      }
    } finally {
      await rigApi(`/channels/${CHANNEL}/context`, { method: "PATCH", body: { context: { theme: "dark" } } });
      await context.close();
    }
  });

  it("a purchase no panel reported (its panel closed first) is announced through EventSub within seconds", async () => {
    const started = Date.now();
    await rigApi("/bits/purchases", {
      method: "POST",
      body: { channelId: CHANNEL, userId: BO, sku: "small-cheer" },
    });
    await chatLines("Bo sent a Small Cheer (100 Bits)!").first().waitFor({ timeout: 15_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`bits e2e: the unreported purchase reached chat through EventSub in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(15);
    await page.waitForTimeout(2_000);
    expect(await chatLines("Bo sent a Small Cheer (100 Bits)!").count()).toBe(1);
  });
});
