import { describe, expect, it } from "vitest";
import type { DeclaredViews, ViewerContext } from "./protocol.ts";
import { contextForView, undeclaredNote, viewFromQuery, viewQuery } from "./views.ts";

const VIEWS: DeclaredViews = {
  panel: { viewerPath: "index.html", height: 400 },
  mobile: { viewerPath: "mobile.html" },
  config: { viewerPath: "config.html" },
};

const CONTEXT: ViewerContext = {
  theme: "light",
  language: "ja",
  game: "Chess",
  playbackMode: "audio",
  isFullScreen: true,
  isTheatreMode: false,
  arePlayerControlsVisible: true,
  isPaused: false,
  isMuted: true,
  volume: 0.2,
};

const query = (view: Parameters<typeof viewQuery>[0], views = VIEWS) =>
  viewQuery(view, { views, language: "de", locale: "de-DE", state: "released" });

describe("what each view's frame gets in its query string", () => {
  it("gives the channel page's slots their anchor and popouts popout=true, on the web", () => {
    expect(query("panel")).toEqual({
      anchor: "panel",
      language: "de",
      locale: "de-DE",
      mode: "viewer",
      platform: "web",
      popout: "false",
      state: "released",
    });
    expect(query("popout")).toMatchObject({ anchor: "panel", popout: "true", platform: "web" });
    expect(query("video_overlay")).toMatchObject({ anchor: "video_overlay", mode: "viewer" });
    expect(query("component")).toMatchObject({ anchor: "component", mode: "viewer" });
  });

  it("gives phones platform=mobile and the broadcaster's pages their modes, with the version's first slot", () => {
    expect(query("mobile")).toMatchObject({ platform: "mobile", mode: "viewer", anchor: "panel" });
    expect(query("config")).toMatchObject({ mode: "config", platform: "web", anchor: "panel" });
    expect(query("live_config")).toMatchObject({ mode: "dashboard", anchor: "panel" });
    const overlayOnly = { videoOverlay: { viewerPath: "o.html" }, config: { viewerPath: "c.html" } };
    expect(query("config", overlayOnly).anchor).toBe("video_overlay");
  });

  it("reads the view back from a query string, as the helper does", () => {
    for (const view of [
      "panel",
      "popout",
      "video_overlay",
      "component",
      "mobile",
      "config",
      "live_config",
    ] as const) {
      expect(viewFromQuery(query(view))).toBe(view);
    }
  });
});

describe("what onContext gives each view", () => {
  it("gives the channel page's views the player's state, controls included", () => {
    expect(contextForView("video_overlay", CONTEXT, { displayResolution: "960x540" })).toMatchObject({
      theme: "light",
      language: "ja",
      game: "Chess",
      mode: "viewer",
      playbackMode: "audio",
      isFullScreen: true,
      arePlayerControlsVisible: true,
      isMuted: true,
      volume: 0.2,
      displayResolution: "960x540",
    });
  });

  it("sends phones no player controls, full screen or theatre mode, and the broadcaster's pages no player", () => {
    const mobile = contextForView("mobile", CONTEXT);
    expect(mobile).toMatchObject({ playbackMode: "audio", language: "ja" });
    for (const key of ["arePlayerControlsVisible", "isFullScreen", "isTheatreMode"])
      expect(mobile).not.toHaveProperty(key);
    expect(contextForView("live_config", CONTEXT)).toEqual({
      game: "Chess",
      language: "ja",
      mode: "dashboard",
      theme: "light",
    });
    expect(contextForView("config", CONTEXT)).toMatchObject({ mode: "config" });
  });
});

describe("a view the version does not declare", () => {
  it("is explained with the console field and what Twitch then does", () => {
    expect(undeclaredNote("video_overlay", "0.0.1")).toBe(
      "Version 0.0.1 declares no Video - Fullscreen Viewer Path (console → Asset Hosting), so Twitch does not offer it as a video overlay.",
    );
    expect(undeclaredNote("mobile", "0.0.2")).toContain("the mobile app shows viewers nothing");
  });
});
