import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeEbs, liveDashboard, liveState, startFakeEbs } from "../test/fake-ebs.ts";
import {
  createFakeTwitchExt,
  type FakeTwitchExt,
  installFakeTwitch,
  viewerToken,
} from "../test/fake-twitch-ext.ts";
import { renderConfig } from "../test/render-config.tsx";
import { renderLiveConfig } from "../test/render-live-config.tsx";
import { renderPanel } from "../test/render-panel.tsx";
import { LANGUAGES } from "./i18n/languages.ts";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
let uninstall: () => void;

beforeEach(async () => {
  ebs = await startFakeEbs();
  twitch = createFakeTwitchExt({ chatEnabled: false });
  uninstall = installFakeTwitch(twitch);
});

afterEach(async () => {
  uninstall();
  await ebs.close();
});

/** Every control on screen, and the accessible name a screen reader reads for it. */
function controls(): HTMLElement[] {
  return ["button", "checkbox", "textbox", "link"].flatMap((role) => screen.queryAllByRole(role));
}

describe.each(LANGUAGES)("in %s", (language) => {
  it.each(["panel", "mobile"] as const)("every control of the %s view has an accessible name", (view) => {
    renderPanel({ ebsUrl: ebs.url, view, search: `?language=${language}` });
    act(() => twitch.authorize({ token: viewerToken() }));
    act(() => twitch.setChatEnabled(true));
    expect(controls().length).toBeGreaterThanOrEqual(2);
    for (const control of controls()) expect(control).toHaveAccessibleName(/\S/);
    // The live region is there, empty, before anything happens, so its first message is read.
    expect(screen.getByRole("status")).toHaveTextContent("");
  });

  it("every control of the config view has an accessible name", () => {
    renderConfig(undefined, { search: `?language=${language}&mode=config` });
    act(() => twitch.authorize({ token: viewerToken({ role: "broadcaster", userId: "1234" }) }));
    act(() => twitch.deliverConfiguration({}));
    expect(controls()).toHaveLength(4);
    for (const control of controls()) expect(control).toHaveAccessibleName(/\S/);
    expect(screen.getByRole("textbox")).toHaveAccessibleDescription(/\S/);
  });

  it("the live hype's list of hypers is named, and the live config view is headed and named", async () => {
    const recent = [{ displayName: null, kind: "hype" as const, at: "2026-12-01T17:00:00.000Z" }];
    ebs.answerLive({ status: 200, json: liveState({ streamCount: 1, recent }) });
    const panel = renderPanel({ ebsUrl: ebs.url, search: `?language=${language}` });
    act(() => twitch.authorize({ token: viewerToken() }));
    await waitFor(() => expect(screen.getByRole("list")).toHaveAccessibleName(/\S/));
    panel.unmount();

    ebs.answerLive({ status: 200, json: liveDashboard({ state: liveState({ streamCount: 1, recent }) }) });
    renderLiveConfig({ ebsUrl: ebs.url, search: `?language=${language}&mode=dashboard` });
    act(() => twitch.authorize({ token: viewerToken({ role: "broadcaster", userId: "1234" }) }));
    await waitFor(() => expect(screen.getByRole("list")).toHaveAccessibleName(/\S/));
    expect(screen.getByRole("heading", { level: 1 })).toHaveAccessibleName(/\S/);
    expect(document.documentElement.lang).toBe(language);
  });
});
