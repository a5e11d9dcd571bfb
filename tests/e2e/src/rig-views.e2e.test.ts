import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type RunningStack, startStack } from "@ext/rig/stack";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { createSecretRing, signExtensionJwt } from "@ext/shared/server";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, screenshot } from "./browser.ts";
import { type FixtureServer, startFixtureServer } from "./fixture-server.ts";

let stack: RunningStack;
let fixture: FixtureServer;
let browser: Browser;
let page: Page;
const CHANNEL = "41000001";

/** Calls the rig's own API (JSON in and out). */
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

/** The document inside an iframe of the rig page (a frame the rig UI just replaced is waited for). */
async function frameIn(testid: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const handle = await page.getByTestId(testid).elementHandle({ timeout: 30_000 });
    const frame = await handle?.contentFrame().catch(() => null);
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`${testid} has no document`);
}

async function fixtureFrame(testid: string): Promise<Frame> {
  const frame = await frameIn(testid);
  await frame.getByTestId("fixture-viewer").filter({ hasNotText: "none" }).waitFor({ timeout: 30_000 });
  return frame;
}

/** Waits until every panel frame shows the panel, so that a screenshot shows the views and not their loading. */
async function allViewsLoaded(): Promise<void> {
  for (const n of [1, 2, 3, 4, 5, 7, 8]) {
    const frame = await frameIn(`rig-frame-${n}`);
    await frame.getByRole("button", { name: /send hype/i }).waitFor({ timeout: 30_000 });
  }
  await (await frameIn("rig-frame-6")).getByRole("textbox", { name: "Message" }).waitFor({ timeout: 30_000 });
  for (const slot of ["overlay", "component", "live-config"]) await fixtureFrame(`rig-view-${slot}`);
}

/**
 * A screenshot of the whole rig page: the window is made as tall as the page first, because Chromium paints a
 * cross-origin frame only while it is in the window (a plain full-page shot leaves the lower frames blank).
 */
async function wholePage(name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(500);
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

beforeAll(async () => {
  stack = await startStack({ log: () => {}, ebsEnv: { SQLITE_PATH: ":memory:" } });
  fixture = await startFixtureServer(`${stack.urls.rig}/rig/twitch-ext.js`);
  // Hype Button has no overlay or component page, and its live config page is its own: the version under test
  // declares these three, and the rig page loads them from the fixture (an extension page on its own origin),
  // as Twitch would the paths.
  await rigApi("/extension", {
    method: "PATCH",
    body: {
      views: {
        videoOverlay: { viewerPath: "video_overlay.html" },
        component: { viewerPath: "component.html", aspectWidth: 3, aspectHeight: 2, targetHeightPercent: 50 },
        liveConfig: { viewerPath: "live_config.html" },
      },
    },
  });
  browser = await launchBrowser();
  // A context of its own: axe-core's Playwright builder refuses pages made by browser.newPage().
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const open = new URL(stack.urls.open);
  for (const name of ["overlay", "component", "liveConfig"]) open.searchParams.set(name, fixture.page);
  await page.goto(open.href);
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await stack?.stop();
});

describe("the rig's views, in Chromium", () => {
  it("frames every view with the query string Twitch gives it", async () => {
    await allViewsLoaded();
    const src = async (testid: string) =>
      Object.fromEntries(new URL((await page.getByTestId(testid).getAttribute("src")) ?? "").searchParams);
    expect(await src("rig-frame-3")).toMatchObject({
      anchor: "panel",
      mode: "viewer",
      platform: "web",
      popout: "false",
    });
    expect(await src("rig-frame-7")).toMatchObject({ anchor: "panel", popout: "true" });
    expect(await src("rig-frame-8")).toMatchObject({ platform: "mobile", mode: "viewer" });
    expect(await src("rig-frame-6")).toMatchObject({ mode: "config" });
    expect(await src("rig-view-overlay")).toMatchObject({ anchor: "video_overlay", mode: "viewer" });
    expect(await src("rig-view-component")).toMatchObject({ anchor: "component" });
    expect(await src("rig-view-live-config")).toMatchObject({ mode: "dashboard" });
    expect(new URL((await page.getByTestId("rig-frame-8").getAttribute("src")) ?? "").pathname).toBe(
      "/mobile.html",
    );
    const panelBox = await page.getByTestId("rig-frame-3").boundingBox();
    expect(panelBox).toMatchObject({ width: 318, height: 400 });
    expect(await page.getByTestId("rig-frame-3").getAttribute("title")).toBe("Panel · Ana (identity shared)");
    expect(await page.getByTestId("rig-view-live-config").getAttribute("title")).toBe(
      "Live config · HypeCaster (broadcaster)",
    );
  });

  it("shows the overlay's own UI only while the player's controls show, and hides it with them", async () => {
    const overlay = await fixtureFrame("rig-view-overlay");
    const ui = overlay.getByTestId("fixture-overlay-ui");
    await page.mouse.move(5, 5);
    await ui.waitFor({ state: "hidden", timeout: 10_000 });

    // The pointer comes over the player's lower edge, where its controls are: the rig page's own content
    // (over the overlay's frame, the pointer's events belong to the extension's page).
    await page.getByTestId("rig-player-controls").hover();
    await ui.waitFor({ state: "visible", timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId("rig-player-controls").evaluate((e) => getComputedStyle(e).opacity))
      .toBe("1");
    const context = await rigApi<{ context: { arePlayerControlsVisible: boolean } }>(
      `/channels/${CHANNEL}/context`,
      {
        method: "GET",
      },
    );
    expect(context.context.arePlayerControlsVisible).toBe(true);
    await page
      .getByTestId("rig-player-section")
      .screenshot({ path: join(ARTIFACTS, "rig-views-player-controls.png") });

    await page.getByTestId("rig-frames").hover();
    await ui.waitFor({ state: "hidden", timeout: 10_000 });
    await rigApi(`/channels/${CHANNEL}/context`, {
      method: "PATCH",
      body: { context: { arePlayerControlsVisible: true } },
    });
    await ui.waitFor({ state: "visible", timeout: 10_000 });
    await rigApi(`/channels/${CHANNEL}/context`, {
      method: "PATCH",
      body: { context: { arePlayerControlsVisible: false } },
    });
    await ui.waitFor({ state: "hidden", timeout: 10_000 });
  });

  it("places the component in its declared box and reports where it is with onPositionChanged", async () => {
    const component = await fixtureFrame("rig-view-component");
    const player = await page.locator(".player-stage").boundingBox();
    const box = await page.getByTestId("rig-view-component").boundingBox();
    if (!player || !box) throw new Error("no player or component box");
    expect(box.height).toBeCloseTo(player.height / 2, 0);
    expect(box.width).toBeCloseTo((player.height / 2) * 1.5, 0);
    const [x, y] = ((await component.getByTestId("fixture-position").textContent()) ?? "")
      .split(",")
      .map(Number);
    expect(y).toBe(10);
    expect(x).toBeCloseTo(100 - ((player.height / 2) * 1.5 * 100) / player.width - 1, 1);

    await rigApi(`/channels/${CHANNEL}/context`, {
      method: "PATCH",
      body: { componentPosition: { x: 5, y: 20 } },
    });
    await component.getByTestId("fixture-position").filter({ hasText: "5,20" }).waitFor({ timeout: 10_000 });
    const moved = await page.getByTestId("rig-view-component").boundingBox();
    expect(moved?.x).toBeCloseTo(player.x + player.width * 0.05, 0);
  });

  it("passes theatre mode, full screen, language and theme to the frames through onContext", async () => {
    const overlay = await fixtureFrame("rig-view-overlay");
    await page.getByTestId("rig-player-controls").hover();
    await page.getByTestId("rig-player-theatre").click();
    await overlay.getByTestId("fixture-theatre").filter({ hasText: "true" }).waitFor({ timeout: 10_000 });
    await page.getByTestId("rig-player-fullscreen").click();
    await overlay.getByTestId("fixture-fullscreen").filter({ hasText: "true" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".player-stage").boundingBox()).toMatchObject({ x: 0, width: 1440 });
    await page.screenshot({ path: join(ARTIFACTS, "rig-views-fullscreen.png") });
    await page.keyboard.press("Escape");
    await overlay.getByTestId("fixture-fullscreen").filter({ hasText: "false" }).waitFor({ timeout: 10_000 });
    await page.getByTestId("rig-player-theatre").click();
    await overlay.getByTestId("fixture-theatre").filter({ hasText: "false" }).waitFor({ timeout: 10_000 });

    const liveConfig = await fixtureFrame("rig-view-live-config");
    await rigApi(`/channels/${CHANNEL}/context`, {
      method: "PATCH",
      body: { context: { language: "ja", theme: "light" } },
    });
    await liveConfig.getByTestId("fixture-language").filter({ hasText: "ja" }).waitFor({ timeout: 10_000 });
    expect(await liveConfig.getByTestId("fixture-theme").textContent()).toBe("light");
    expect(await liveConfig.getByTestId("fixture-fullscreen").textContent()).toBe("?");
    expect(await page.getByTestId("rig-control-theme").inputValue()).toBe("light");
    await rigApi(`/channels/${CHANNEL}/context`, {
      method: "PATCH",
      body: { context: { language: "en", theme: "dark" } },
    });
  });

  it("reloads the frames with the viewer's new language in their query string", async () => {
    await rigApi(`/channels/${CHANNEL}/context`, { method: "PATCH", body: { query: { language: "de" } } });
    const overlaySrc = () => page.getByTestId("rig-view-overlay").getAttribute("src");
    await expect.poll(overlaySrc, { timeout: 10_000 }).toContain("language=de");
    const overlay = await frameIn("rig-view-overlay");
    await overlay
      .getByTestId("fixture-view")
      .filter({ hasText: "video_overlay viewer web de" })
      .waitFor({ timeout: 20_000 });
    const src = new URL((await page.getByTestId("rig-frame-3").getAttribute("src")) ?? "");
    expect(src.searchParams.get("locale")).toBe("de-DE");
    await rigApi(`/channels/${CHANNEL}/context`, { method: "PATCH", body: { query: { language: "en" } } });
    await expect.poll(overlaySrc, { timeout: 10_000 }).toContain("language=en");
    await (await frameIn("rig-view-overlay"))
      .getByTestId("fixture-view")
      .filter({ hasText: "video_overlay viewer web en" })
      .waitFor({ timeout: 20_000 });
  });

  it("highlights the overlay and component from the player's Extensions menu and hides the component", async () => {
    const component = await fixtureFrame("rig-view-component");
    const overlay = await fixtureFrame("rig-view-overlay");
    await page.getByTestId("rig-player-controls").hover();
    await page.getByTestId("rig-player-extensions").hover();
    await overlay.getByTestId("fixture-highlight").filter({ hasText: "true" }).waitFor({ timeout: 10_000 });
    await component.getByTestId("fixture-highlight").filter({ hasText: "true" }).waitFor({ timeout: 10_000 });
    await page.getByTestId("rig-player-extensions").click();
    await component.getByTestId("fixture-visible").filter({ hasText: "false" }).waitFor({ timeout: 10_000 });
    expect(await overlay.getByTestId("fixture-visible").textContent()).toBe("no event");
    await page.getByTestId("rig-player-extensions").click();
    await component.getByTestId("fixture-visible").filter({ hasText: "true" }).waitFor({ timeout: 10_000 });
  });
});

describe("identity as on Twitch, in Chromium", () => {
  it("asks an anonymous viewer to share; Deny keeps them anonymous, Allow names them at once", async () => {
    const frame = await frameIn("rig-frame-2");
    const share = frame.getByRole("button", { name: "Show my name in chat" });
    await share.click();
    const dialog = page.getByRole("dialog", { name: "Share your identity with Hype Button?" });
    await dialog.waitFor();
    await wholePage("rig-views-id-share-prompt");
    await dialog.getByRole("button", { name: "Deny" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await page.getByTestId("rig-frame-2").getAttribute("data-viewer")).toBe("anonymous");
    expect(await share.isVisible()).toBe(true);

    await share.click();
    await dialog.getByRole("button", { name: "Allow" }).click();
    await share.waitFor({ state: "detached", timeout: 10_000 });
    expect(await page.getByTestId("rig-frame-2").getAttribute("title")).toBe("Panel · Ana (identity shared)");
    expect(await page.getByTestId("rig-frame-card-2").locator(".frame-label").textContent()).toContain(
      "Identity shared",
    );
  });

  it("asks a logged-out viewer to log in instead of sharing", async () => {
    const frame = await frameIn("rig-frame-1");
    await frame.getByRole("button", { name: "Show my name in chat" }).click();
    const dialog = page.getByRole("dialog", { name: "Log in to share your identity" });
    await dialog.getByRole("combobox").selectOption({ label: "Bo" });
    await dialog.getByRole("button", { name: "Log in" }).click();
    await expect
      .poll(() => page.getByTestId("rig-frame-1").getAttribute("title"), { timeout: 10_000 })
      .toBe("Panel · Bo, not shared (anonymous)");
  });
});

describe("a deactivated extension, in Chromium", () => {
  it("disappears from viewers' frames and comes back when activated again; the config page stays", async () => {
    await page.getByTestId("rig-control-activated").click();
    await page.getByTestId("rig-frame-absent-3").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("rig-frame-3").count()).toBe(0);
    expect(await page.getByTestId("rig-view-overlay").count()).toBe(0);
    expect(await page.getByTestId("rig-frame-absent-3").textContent()).toContain(
      "Twitch removes the extension",
    );
    expect(await page.getByTestId("rig-frame-6").count()).toBe(1);
    await wholePage("rig-views-deactivated");
    await page.getByTestId("rig-control-activated").click();
    await (await frameIn("rig-frame-3"))
      .getByRole("button", { name: /send hype/i })
      .waitFor({ timeout: 30_000 });
  });
});

describe("Extension PubSub through the rig, in Chromium", () => {
  /** Send Extension PubSub Message as an EBS sends it, with an external JWT signed with the extension secret. */
  async function sendPubSub(claims: object, body: object): Promise<void> {
    const { clientId, secretBase64 } = DEV_CONFIG.extension;
    const jwt = signExtensionJwt(claims as never, createSecretRing(secretBase64));
    const res = await fetch(`${stack.urls.rig}/helix/extensions/pubsub`, {
      method: "POST",
      headers: { Authorization: `Bearer ${jwt}`, "Client-Id": clientId, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(204);
  }

  it("gives a broadcast and a global message to every frame, a whisper only to its viewer's frames", async () => {
    const overlay = await fixtureFrame("rig-view-overlay");
    const component = await fixtureFrame("rig-view-component");
    const liveConfig = await fixtureFrame("rig-view-live-config");
    const viewer = (await overlay.getByTestId("fixture-viewer").textContent())?.match(
      /^identified (\d+)$/,
    )?.[1];
    if (!viewer) throw new Error("the player's frames are not watched by a viewer who shared identity");
    const { ownerUserId } = DEV_CONFIG.extension;
    const exp = Math.floor(Date.now() / 1000) + 60;
    const channel = { exp, user_id: ownerUserId, role: "external", channel_id: CHANNEL };
    await sendPubSub(
      { ...channel, pubsub_perms: { send: [`whisper-${viewer}`] } },
      { target: [`whisper-${viewer}`], broadcaster_id: CHANNEL, is_global_broadcast: false, message: "psst" },
    );
    await sendPubSub(
      { ...channel, pubsub_perms: { send: ["broadcast"] } },
      { target: ["broadcast"], broadcaster_id: CHANNEL, is_global_broadcast: false, message: "hype" },
    );
    await sendPubSub(
      { ...channel, channel_id: "all", pubsub_perms: { send: ["global"] } },
      { target: ["global"], is_global_broadcast: true, message: "news" },
    );
    for (const frame of [overlay, component]) {
      await frame
        .getByTestId("fixture-pubsub")
        .filter({ hasText: "whisper:psst | broadcast:hype | global:news" })
        .waitFor({ timeout: 10_000 });
    }
    await liveConfig
      .getByTestId("fixture-pubsub")
      .filter({ hasText: /^broadcast:hype \| global:news$/ })
      .waitFor({ timeout: 10_000 });
    await page
      .getByTestId("rig-log-detail")
      .filter({ hasText: `PubSub to whisper-${viewer} · 4 bytes` })
      .first()
      .waitFor({ timeout: 10_000 });
  });
});

describe("a channel's Live switch, in Chromium", () => {
  /** Get Streams as an EBS calls it: an app access token from the rig's OAuth, then `GET /helix/streams`. */
  async function getStreams(): Promise<{ user_id: string; type: string; started_at: string }[]> {
    const { clientId, clientSecret } = DEV_CONFIG.extension;
    const token = await fetch(`${stack.urls.rig}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: "client_credentials",
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${stack.urls.rig}/helix/streams?user_id=${CHANNEL}`, {
      headers: { Authorization: `Bearer ${access_token}`, "Client-Id": clientId },
    });
    return ((await res.json()) as { data: { user_id: string; type: string; started_at: string }[] }).data;
  }

  it("takes the channel live with a start time, and offline again; Get Streams and the log follow", async () => {
    const live = page.getByRole("switch", { name: "Live" });
    const since = page.getByTestId("rig-control-liveSince");
    expect(await since.textContent()).toContain("offline");
    await live.click();
    await since.filter({ hasText: /^since \d{1,2}:\d{2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    const [stream] = await getStreams();
    expect(stream).toMatchObject({ user_id: CHANNEL, type: "live" });
    expect(await since.getAttribute("title")).toContain(`started_at ${stream?.started_at}`);
    await page
      .getByTestId("rig-log-detail")
      .filter({ hasText: `Get Streams for 1 channel(s) · live: ${CHANNEL}` })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.getByTestId("rig-controls").screenshot({ path: join(ARTIFACTS, "rig-views-live-switch.png") });

    await live.click();
    await since.filter({ hasText: "offline" }).waitFor({ timeout: 10_000 });
    expect(await getStreams()).toEqual([]);
  });
});

describe("the rig page's accessibility and layout, in Chromium", () => {
  for (const width of [1440, 800]) {
    it(`has no serious or critical axe-core violation and every view in view at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.mouse.move(5, 5);
      await allViewsLoaded();
      const results = await new AxeBuilder({ page }).options({ iframes: false }).analyze();
      const grave = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        grave.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(["frame-title", "label"]));

      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      const log = await page.getByTestId("rig-log").boundingBox();
      const chat = await page.getByTestId("rig-chat").boundingBox();
      if (!log || !chat) throw new Error("no log or chat");
      const overlaps =
        log.x < chat.x + chat.width &&
        chat.x < log.x + log.width &&
        log.y < chat.y + chat.height &&
        chat.y < log.y + log.height;
      expect(overlaps, "the chat column covers the request log").toBe(false);
      await wholePage(`rig-views-${width}`);
    });
  }
});
