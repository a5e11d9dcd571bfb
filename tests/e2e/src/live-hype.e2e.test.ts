import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningStack, startStack } from "@ext/rig/stack";
import { EBS_PATHS } from "@ext/shared";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, screenshot } from "./browser.ts";

/** The rig page's frames this test watches: two viewers' panels and the broadcaster's live dashboard. */
const FRAMES = {
  ana: 'iframe[data-view="panel"][data-viewer="identified"]',
  anonymous: 'iframe[data-view="panel"][data-viewer="anonymous"]',
  dashboard: 'iframe[data-view="live_config"]',
} as const;
type FrameName = keyof typeof FRAMES;

let stack: RunningStack;
let browser: Browser;
let page: Page;
let dataDir: string;
let channelId: string;
const stackLog: string[] = [];

async function frameOf(name: FrameName): Promise<Frame> {
  const frame = await (await page.waitForSelector(FRAMES[name], { timeout: 20_000 })).contentFrame();
  if (!frame) throw new Error(`the ${name} frame has no document`);
  return frame;
}

/** The stream's count a frame shows (the panel's only count, the dashboard's first), or undefined before one. */
async function shownCount(name: FrameName): Promise<number | undefined> {
  const frame = await frameOf(name);
  const text = await frame
    .locator(".live__count .live__number")
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);
  return text ? Number(text.replace(/\D/g, "")) : undefined;
}

/** The channel's count as the EBS answers `GET /api/live`, with a viewer token the rig issues. */
async function countAtEbs(): Promise<number> {
  const tokens = await fetch(`${stack.urls.rig}/rig/api/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channelId, viewer: "identified", userId: "51000002" }),
  });
  const { auth } = (await tokens.json()) as { auth: { token: string } };
  const res = await fetch(`${stack.urls.ebs.replace("localhost", "127.0.0.1")}${EBS_PATHS.live}`, {
    headers: { Authorization: `Bearer ${auth.token}`, Origin: stack.urls.panel },
  });
  if (res.status !== 200) throw new Error(`GET /api/live answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { streamCount: number }).streamCount;
}

/** Waits until every named frame shows `count`; returns how long each took from now, in ms. */
async function allShow(count: number, names: FrameName[], timeout = 10_000): Promise<number[]> {
  const started = Date.now();
  return Promise.all(
    names.map(async (name) => {
      await expect.poll(() => shownCount(name), { timeout, interval: 50 }).toBe(count);
      return Date.now() - started;
    }),
  );
}

async function sendHype(name: FrameName): Promise<void> {
  const frame = await frameOf(name);
  await frame.getByRole("button", { name: "Send hype" }).click();
  await frame.getByText("Sent to chat!").first().waitFor({ timeout: 20_000 });
}

/**
 * The whole rig page, with every frame painted: Chromium paints frames only inside the viewport, so the
 * viewport is made as tall as the page for the shot.
 */
async function shootRig(name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(500);
  await screenshot(page, name);
  for (const frame of Object.keys(FRAMES) as FrameName[]) {
    await page.locator(FRAMES[frame]).screenshot({ path: path.join(ARTIFACTS, `${name}-${frame}.png`) });
  }
  await page.setViewportSize(viewport);
}

async function reload(name: FrameName): Promise<Frame> {
  const frame = await frameOf(name);
  // Waits for the new document: the old one's "load" state would answer at once, and a locator could then
  // find the old document's elements just before they go.
  const navigated = page.waitForEvent("framenavigated", { predicate: (f) => f === frame, timeout: 20_000 });
  await frame.evaluate(() => location.reload());
  await navigated;
  await frame.waitForLoadState("load");
  return frameOf(name);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "e2e-live-"));
  stack = await startStack({
    log: (line) => stackLog.push(line),
    ebsEnv: { SQLITE_PATH: path.join(dataDir, "ebs.sqlite") },
  });
  const state = (await (await fetch(`${stack.urls.rig}/rig/api/state`)).json()) as {
    channels: { broadcasterId: string }[];
  };
  channelId = state.channels[0]?.broadcasterId ?? "";
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(stack.urls.open);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the live hype in the rig: two viewers and the broadcaster's dashboard", () => {
  it("a click in one viewer's frame updates the count in all three frames", async () => {
    // A new SQLite file: nothing counted yet, and each frame read that from the EBS when it opened.
    await allShow(0, ["ana", "anonymous", "dashboard"], 30_000);
    await sendHype("ana");
    const took = await allShow(1, ["ana", "anonymous", "dashboard"]);
    expect(await countAtEbs()).toBe(1);
    const other = await frameOf("anonymous");
    await other.locator(".live__hyper", { hasText: "Ana" }).waitFor({ timeout: 5_000 });
    console.info(
      `the count shown after the click's "Sent to chat!": ${took.join(", ")} ms (ana, anonymous, dashboard)`,
    );
    expect(Math.max(...took), "every frame within about 2 s of the message reaching chat").toBeLessThan(
      3_000,
    );
    await shootRig("live-hype-rig");
  });

  it("a reloaded frame shows the current count at once (read from the EBS: PubSub does not replay)", async () => {
    const now = await countAtEbs();
    expect(now).toBe(1);
    const started = Date.now();
    const frame = await reload("anonymous");
    await frame.locator(".live__count").waitFor({ timeout: 20_000 });
    expect(await shownCount("anonymous")).toBe(now);
    console.info(`a reloaded frame showed the count ${Date.now() - started} ms after the reload began`);
  });

  it("an EBS restart keeps the count, and the frames open through it keep following", async () => {
    const before = await countAtEbs();
    await stack.restartEbs();
    expect(await countAtEbs(), "the count survived the restart").toBe(before);

    await reload("dashboard");
    await allShow(before, ["dashboard"], 20_000);

    await sendHype("anonymous");
    await allShow(before + 1, ["ana", "anonymous", "dashboard"]);
    const ana = await frameOf("ana");
    await ana.locator(".live__hyper", { hasText: "Someone" }).waitFor({ timeout: 5_000 });
    expect(await countAtEbs()).toBe(before + 1);
    await shootRig("live-hype-rig-after-restart");
  });
});
