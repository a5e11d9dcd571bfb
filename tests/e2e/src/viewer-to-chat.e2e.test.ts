import { type RunningStack, startStack } from "@ext/rig/stack";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";

interface RigChannel {
  broadcasterId: string;
  chatGranted: boolean;
  versionState: string;
}

interface RigState {
  channels: RigChannel[];
  users: { id: string; displayName: string }[];
}

let stack: RunningStack;
let browser: Browser;
let page: Page;
const stackLog: string[] = [];

async function rigState(): Promise<RigState> {
  const res = await fetch(`${stack.urls.rig}/rig/api/state`);
  return (await res.json()) as RigState;
}

/** Waits until the rig reports the first channel in the wanted state. */
async function waitForChannel(wanted: (channel: RigChannel) => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const channel = (await rigState()).channels[0];
    if (channel && wanted(channel)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The rig's channel never reached the expected state");
}

/** Flips one of the rig UI's channel switches, as a developer would, and waits for the rig to apply it. */
async function setChannel(input: { control: "chatGranted"; value: boolean }): Promise<void> {
  const control = page.getByTestId(`rig-control-${input.control}`);
  if ((await control.isChecked()) !== input.value) await control.click();
  await waitForChannel((channel) => channel[input.control] === input.value);
}

/** Calls the rig's own API (JSON in and out). */
async function rigApi(path: string, init: { method: string; body: unknown }): Promise<void> {
  const res = await fetch(`${stack.urls.rig}${path}`, {
    method: init.method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${init.method} ${path} answered ${res.status}: ${await res.text()}`);
}

/** Waits until the rig's request log has an entry `wanted` accepts. */
async function waitForLogEntry(wanted: (entry: { fault?: string; code?: string }) => boolean) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { entries } = (await (await fetch(`${stack.urls.rig}/rig/api/log`)).json()) as {
      entries: { fault?: string; code?: string }[];
    };
    if (entries.some(wanted)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The rig's request log never showed the expected entry");
}

/** Adds a frame with the rig UI's "Add viewer" controls, as a developer would; its document. */
async function addFrame(viewer: "anonymous" | "identified", userId: string): Promise<Frame> {
  const n = (await page.locator("iframe[data-testid^='rig-frame-']").count()) + 1;
  await page.getByTestId("rig-add-viewer").selectOption(viewer);
  await page.getByTestId("rig-add-user").selectOption(userId);
  await page.getByTestId("rig-add-frame").click();
  const frame = await (await page.getByTestId(`rig-frame-${n}`).elementHandle())?.contentFrame();
  if (!frame) throw new Error("the added frame has no document");
  await frame.getByRole("button", { name: /send hype/i }).waitFor();
  return frame;
}

/** A user of the rig's development config, by display name. */
async function rigUser(displayName: string): Promise<{ id: string; displayName: string }> {
  const user = (await rigState()).users.find((u) => u.displayName === displayName);
  if (!user) throw new Error(`the rig's development config has no user ${displayName}`);
  return user;
}

/** The document inside the rig's frame for one viewer kind and mode. */
async function frameOf(viewer: string, mode: "viewer" | "config"): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-viewer="${viewer}"][data-mode="${mode}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`The ${viewer} ${mode} frame has no document`);
  return frame;
}

/** The panel document inside the rig's frame for one viewer kind. */
async function panelFrame(viewer: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-viewer="${viewer}"][data-mode="viewer"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`The ${viewer} frame has no document`);
  await frame.getByRole("button", { name: /send hype/i }).waitFor();
  return frame;
}

beforeAll(async () => {
  stack = await startStack({ log: (line) => stackLog.push(line), ebsEnv: { SQLITE_PATH: ":memory:" } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(stack.urls.open);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("a viewer's click, through the rig, in Chromium", () => {
  it("posts a chat message naming an identity-shared viewer, shown in the rig's chat column", async () => {
    const frame = await panelFrame("identified");
    await frame.getByRole("button", { name: /send hype/i }).click();

    const sent = frame.locator(".chat-line");
    await sent.waitFor({ timeout: 20_000 });
    const text = (await sent.textContent())?.trim() ?? "";

    const names = (await rigState()).users.map((u) => u.displayName);
    const named = names.find((name) => text.startsWith(name));
    expect(named, `the chat text "${text}" names one of the rig's users`).toBeDefined();

    const message = page.getByTestId("rig-chat-message").filter({ hasText: named as string });
    await message.first().waitFor({ timeout: 10_000 });
    expect(await message.first().textContent()).toContain(text);
    await screenshot(page, "rig-after-identified-click");
  });

  it("names a viewer in chat once they share their identity from the panel (requestIdShare)", async () => {
    const bo = await rigUser("Bo");
    const frame = await addFrame("anonymous", bo.id);
    await frame.getByRole("button", { name: "Show my name in chat" }).click();
    // Twitch asks the viewer first; the rig draws that question over the frame.
    await page
      .getByRole("dialog", { name: /share your identity/i })
      .getByRole("button", { name: "Allow" })
      .click();
    await frame.getByRole("button", { name: "Show my name in chat" }).waitFor({ state: "detached" });

    await frame.getByRole("button", { name: /send hype/i }).click();
    const line = page.getByTestId("rig-chat-message").filter({ hasText: "Bo sent some hype" });
    await line.first().waitFor({ timeout: 20_000 });
    await screenshot(page, "rig-after-id-share");

    // A second click at once meets the EBS's per-viewer cooldown, which the panel counts down.
    await frame.getByRole("button", { name: /send hype/i }).click();
    await frame.getByText("Hype is cooling down.", { exact: true }).waitFor({ timeout: 10_000 });
    expect(await frame.getByText(/^You can send more in \d+ seconds?\.$/).count()).toBe(1);
    expect(await line.count()).toBe(1);
  });

  it("tells the viewer chat is off when the broadcaster withdraws the chat permission", async () => {
    await setChannel({ control: "chatGranted", value: false });
    const frame = await panelFrame("identified");
    await frame.getByText(/chat messages are turned off/i).waitFor({ timeout: 10_000 });
    expect(await frame.getByRole("button", { name: /send hype/i }).isDisabled()).toBe(true);
    await screenshot(page, "rig-chat-not-granted");
    await setChannel({ control: "chatGranted", value: true });
    await frame.getByText(/chat messages are turned off/i).waitFor({ state: "detached", timeout: 10_000 });
  });

  it("fails a click still queued when the broadcaster withdraws chat: the panel's error, the rig's diagnosis", async () => {
    // Chidi has not clicked yet (no cooldown). Twitch does not answer his first chat call, so the EBS
    // waits for it (5 s) and then retries: meanwhile the broadcaster withdraws the chat permission.
    const frame = await addFrame("identified", (await rigUser("Chidi")).id);
    await rigApi("/rig/api/faults", { method: "PATCH", body: { chatFailureRate: 1, kinds: ["timeout"] } });
    try {
      await frame.getByRole("button", { name: /send hype/i }).click();
      await waitForLogEntry((entry) => entry.fault === "timeout");
    } finally {
      await rigApi("/rig/api/faults", { method: "PATCH", body: { chatFailureRate: 0 } });
    }
    await setChannel({ control: "chatGranted", value: false });

    // The panel's live region (role status) announces the failure.
    const announced = frame
      .getByRole("status")
      .filter({ hasText: /did not let the extension post in chat/i });
    await announced.waitFor({ state: "attached", timeout: 20_000 });
    expect(await frame.getByText(/chat messages are turned off/i).count()).toBe(1);

    const entry = page.locator('[data-testid="rig-log-entry"][data-code="chat_not_granted"]');
    await entry.first().waitFor({ timeout: 10_000 });
    expect(await entry.first().getAttribute("data-status")).toBe("401");
    expect(await entry.first().textContent()).toMatch(/granted/i);
    await screenshot(page, "rig-chat-withdrawn-while-queued");
    await setChannel({ control: "chatGranted", value: true });
  });

  it("shows the panel's error and the rig's diagnosis when Twitch refuses the call", async () => {
    await page.getByTestId("rig-control-versionState").selectOption("testing");
    await waitForChannel((channel) => channel.versionState === "testing");

    // The moderator has not clicked yet, so the per-viewer cooldown cannot answer in Twitch's place.
    const frame = await panelFrame("moderator");
    await frame.getByRole("button", { name: /send hype/i }).click();
    // The panel's live region (role status) announces the failure.
    const announced = frame
      .getByRole("status")
      .filter({ hasText: /did not let the extension post in chat/i });
    await announced.waitFor({ state: "attached", timeout: 20_000 });

    const entry = page.locator('[data-testid="rig-log-entry"][data-code="version_in_test"]');
    await entry.first().waitFor({ timeout: 10_000 });
    expect(await entry.first().getAttribute("data-status")).toBe("401");
    expect(await entry.first().textContent()).toMatch(/Local Test/);
    await screenshot(page, "rig-version-in-test");
  });
});

describe("the broadcaster's settings, through the rig's config frame", () => {
  it("saves a message template in the config view and the next chat message uses it", async () => {
    await page.getByTestId("rig-control-versionState").selectOption("released");
    await waitForChannel((channel) => channel.versionState === "released");

    const config = await frameOf("broadcaster", "config");
    const message = config.getByRole("textbox", { name: "Message" });
    await message.waitFor({ timeout: 20_000 });
    await message.fill("{viewer} brought the hype from the rig!");
    await config.getByRole("button", { name: "Save" }).click();
    await config.getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    // The EBS has read the saved settings back from the rig's Configuration Service.
    await config.getByText(/^In use:/).waitFor({ timeout: 10_000 });
    await screenshot(page, "rig-config-view-saved");

    // Logged out: the only frame whose account has not clicked yet (the anonymous frame is Ana's account).
    const panel = await panelFrame("logged-out");
    await panel.getByRole("button", { name: /send hype/i }).click();
    const line = page
      .getByTestId("rig-chat-message")
      .filter({ hasText: "A viewer brought the hype from the rig!" });
    await line
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, "rig-config-template-failed");
        throw error;
      });
    await screenshot(page, "rig-config-template-in-chat");
    expect(await panel.locator(".chat-line").textContent()).toContain(
      "A viewer brought the hype from the rig!",
    );
  });

  it("turns chat messages off from the config view and the panel says so", async () => {
    const config = await frameOf("broadcaster", "config");
    await config.getByRole("checkbox", { name: "Post hype messages in chat" }).uncheck();
    await config.getByRole("button", { name: "Save" }).click();
    await config.getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    await config.getByText(/^In use:/).waitFor({ timeout: 10_000 });

    const panel = await panelFrame("logged-out");
    await panel
      .getByText(/turned chat messages off|chat messages are turned off/i)
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await panel.getByRole("button", { name: /send hype/i }).isDisabled()).toBe(true);
    await screenshot(page, "rig-chat-turned-off-by-broadcaster");
  });
});
