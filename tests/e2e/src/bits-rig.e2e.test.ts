import { type RunningStack, startStack } from "@ext/rig/stack";
import { BITS_CATALOGUE } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { createSecretRing, verifyBitsReceipt } from "@ext/shared/server";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";
import { type FixtureServer, startFixtureServer } from "./fixture-server.ts";

let stack: RunningStack;
let fixture: FixtureServer;
let browser: Browser;
let page: Page;
const CHANNEL = "41000001";
const ANA = "51000001";
/** The rig page's frames: 3 is Ana (identity shared), 5 is Marta (moderator). */
const BUYER = 3;
const WATCHER = 5;

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

async function frame(n: number): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const handle = await page.getByTestId(`rig-frame-${n}`).elementHandle({ timeout: 30_000 });
    const found = await handle?.contentFrame().catch(() => null);
    if (found) return found;
    await page.waitForTimeout(100);
  }
  throw new Error(`rig-frame-${n} has no document`);
}

/** The frame once it lists the product (its getProducts answered after onAuthorized). */
async function shopFrame(n: number): Promise<Frame> {
  const found = await frame(n);
  await found.getByTestId("bits-buy-mega-hype").waitFor({ timeout: 30_000 });
  return found;
}

beforeAll(async () => {
  stack = await startStack({ log: () => {}, ebsEnv: { SQLITE_PATH: ":memory:" } });
  fixture = await startFixtureServer(`${stack.urls.rig}/rig/twitch-ext.js`);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  const open = new URL(stack.urls.open);
  open.searchParams.set("panel", fixture.page.replace("view-fixture.html", "bits-fixture.html"));
  open.searchParams.set("channel", CHANNEL);
  await page.goto(open.href);
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await stack?.stop();
});

beforeEach(async () => {
  await rigApi(`/channels/${CHANNEL}`, { method: "PATCH", body: { bitsEligible: true } });
  await rigApi(`/bits/balances/${ANA}`, { method: "PUT", body: { balance: 1000 } });
});

describe("Bits in the rig, in Chromium", () => {
  it("a viewer buys in the rig's confirmation; the frame gets a receipt the EBS accepts, other viewers a broadcast", async () => {
    const buyer = await shopFrame(BUYER);
    const watcher = await shopFrame(WATCHER);
    await buyer.getByTestId("bits-buy-mega-hype").click();
    const prompt = page.getByTestId(`rig-bits-prompt-${BUYER}`);
    await expect.poll(() => prompt.textContent()).toContain("Mega Hype for 500 Bits");
    await screenshot(page, "bits-confirmation");
    await page.getByTestId(`rig-bits-confirm-${BUYER}`).click();

    await expect
      .poll(() => buyer.getByTestId("bits-complete").textContent(), { timeout: 15_000 })
      .toMatch(/^current_user mega-hype Ana /);
    await expect
      .poll(() => watcher.getByTestId("bits-complete").textContent(), { timeout: 15_000 })
      .toMatch(/^other mega-hype Ana /);
    const receipt = await buyer.getByTestId("bits-receipt").inputValue();
    const verdict = verifyBitsReceipt(receipt, {
      ring: createSecretRing(DEV_CONFIG.extension.secretBase64),
      clock: Date.now,
      clientId: DEV_CONFIG.extension.clientId,
      catalogue: BITS_CATALOGUE,
      viewerUserId: ANA,
    });
    expect(verdict.ok && [verdict.purchase.product.sku, verdict.purchase.userId]).toEqual(["mega-hype", ANA]);
    await expect.poll(() => page.getByTestId("rig-bits-transaction").count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId(`rig-bits-balance-${ANA}`).inputValue()).toBe("500");
  });

  it("cancelling the confirmation, or having too few Bits, ends in onTransactionCancelled", async () => {
    const buyer = await shopFrame(BUYER);
    const before = Number(await buyer.getByTestId("bits-cancelled").textContent());
    await buyer.getByTestId("bits-buy-mega-hype").click();
    await page.getByTestId(`rig-bits-cancel-${BUYER}`).click();
    await expect.poll(() => buyer.getByTestId("bits-cancelled").textContent()).toBe(String(before + 1));

    await rigApi(`/bits/balances/${ANA}`, { method: "PUT", body: { balance: 10 } });
    await buyer.getByTestId("bits-buy-mega-hype").click();
    const prompt = page.getByTestId(`rig-bits-prompt-${BUYER}`);
    await expect.poll(() => prompt.textContent()).toContain("Not enough Bits");
    await expect.poll(() => prompt.textContent()).toContain("Get 490 more Bits first.");
    await page.getByTestId(`rig-bits-cancel-${BUYER}`).click();
    await expect.poll(() => buyer.getByTestId("bits-cancelled").textContent()).toBe(String(before + 2));
  });

  it("a channel that cannot take Bits turns isBitsEnabled off and says so if useBits is called anyway", async () => {
    const buyer = await shopFrame(BUYER);
    const button = buyer.getByTestId("bits-buy-mega-hype");
    await page.getByTestId("rig-bits-eligible").uncheck();
    await expect.poll(() => buyer.getByTestId("bits-enabled").textContent()).toBe("false");
    await buyer.evaluate(() =>
      (
        window as unknown as { Twitch: { ext: { bits: { useBits(sku: string): void } } } }
      ).Twitch.ext.bits.useBits("mega-hype"),
    );
    await expect
      .poll(() => page.getByTestId(`rig-bits-prompt-${BUYER}`).textContent())
      .toContain("Bits are not available here");
    await page.getByTestId(`rig-bits-cancel-${BUYER}`).click();
    await expect.poll(() => button.count()).toBe(0);
  });
});
