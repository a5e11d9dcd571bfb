import type { DeclaredViews, ViewerContext, ViewerKind, ViewName } from "./protocol.ts";

export type FrameMode = "viewer" | "config" | "dashboard";

/** How the rig names each view to a person. */
export const viewLabels: Record<ViewName, string> = {
  panel: "Panel",
  popout: "Popout",
  video_overlay: "Video overlay",
  component: "Video component",
  mobile: "Mobile",
  config: "Config",
  live_config: "Live config",
};

/** The console field a view comes from, to tell a developer where to declare it. */
const CONSOLE_FIELDS: Record<ViewName, string> = {
  panel: "Panel Viewer Path",
  popout: "Panel Viewer Path",
  video_overlay: "Video - Fullscreen Viewer Path",
  component: "Video - Component Viewer Path",
  mobile: "Mobile Path",
  config: "Config Path",
  live_config: "Live Config Path",
};

/** What Twitch does with a version that lacks the view. */
const WITHOUT_VIEW: Record<ViewName, string> = {
  panel: "Twitch offers no panel slot for it and no popout",
  popout: "Twitch offers no panel slot for it and no popout",
  video_overlay: "Twitch does not offer it as a video overlay",
  component: "Twitch does not offer it as a video component",
  mobile: "the mobile app shows viewers nothing",
  config: "the broadcaster has no settings page for it",
  live_config: "the broadcaster's live dashboard has no widget for it",
};

/** The declared view whose page a rig view loads (a popout loads the panel's page). */
export function declaredViewOf(view: ViewName, views: DeclaredViews) {
  switch (view) {
    case "panel":
    case "popout":
      return views.panel;
    case "video_overlay":
      return views.videoOverlay;
    case "component":
      return views.component;
    case "mobile":
      return views.mobile;
    case "config":
      return views.config;
    case "live_config":
      return views.liveConfig;
  }
}

/** Why the rig shows no page for a view the version does not declare, in Twitch's terms. */
export function undeclaredNote(view: ViewName, version: string): string {
  return `Version ${version} declares no ${CONSOLE_FIELDS[view]} (console → Asset Hosting), so ${WITHOUT_VIEW[view]}.`;
}

export function modeOf(view: ViewName): FrameMode {
  if (view === "config") return "config";
  if (view === "live_config") return "dashboard";
  return "viewer";
}

/** Views only the broadcaster sees (their token; no video). */
export function isBroadcasterView(view: ViewName): boolean {
  return view === "config" || view === "live_config";
}

/**
 * The slot a view outside the channel page's three slots reports as `anchor` (mobile, config, live config):
 * the first slot the version declares, panel first.
 */
export function primaryAnchor(views: DeclaredViews): "panel" | "video_overlay" | "component" {
  if (views.panel) return "panel";
  if (views.component) return "component";
  if (views.videoOverlay) return "video_overlay";
  return "panel";
}

/** The query string Twitch gives a view's frame (TWITCH.md: anchor, language, locale, mode, platform, popout, state). */
export function viewQuery(
  view: ViewName,
  input: { views: DeclaredViews; language: string; locale: string; state: string },
): Record<string, string> {
  const anchor =
    view === "panel" || view === "popout"
      ? "panel"
      : view === "video_overlay" || view === "component"
        ? view
        : primaryAnchor(input.views);
  return {
    anchor,
    language: input.language,
    locale: input.locale,
    mode: modeOf(view),
    platform: view === "mobile" ? "mobile" : "web",
    popout: view === "popout" ? "true" : "false",
    state: input.state,
  };
}

/** The rig view a page is, read back from its query string (what the helper knows about itself). */
export function viewFromQuery(query: { anchor?: string; mode?: string; platform?: string; popout?: string }) {
  if (query.mode === "config") return "config";
  if (query.mode === "dashboard") return "live_config";
  if (query.platform === "mobile") return "mobile";
  if (query.popout === "true") return "popout";
  if (query.anchor === "video_overlay" || query.anchor === "component") return query.anchor;
  return "panel";
}

/** The stream's numbers while video plays, as Twitch's player reports them. */
const STREAM_STATS = {
  bitrate: 6000,
  bufferSize: 2,
  hlsLatencyBroadcaster: 4,
  videoResolution: "1920x1080",
} as const;

/** The player keys Twitch does not send to phones (@types/twitch-ext: "not sent for mobile"). */
const NOT_ON_MOBILE = ["arePlayerControlsVisible", "isFullScreen", "isTheatreMode"] as const;

/**
 * What `onContext` gives a view: the broadcaster's pages get theme, language, mode and game (no video plays
 * there); the channel page's views get the player too; phones get no player controls, full screen or theatre.
 */
export function contextForView(
  view: ViewName,
  context: ViewerContext,
  player: { displayResolution?: string } = {},
): Partial<Twitch.ext.Context> {
  const base: Partial<Twitch.ext.Context> = {
    game: context.game,
    language: context.language,
    mode: modeOf(view),
    theme: context.theme,
  };
  if (isBroadcasterView(view)) return base;
  const full: Partial<Twitch.ext.Context> = {
    ...base,
    ...STREAM_STATS,
    arePlayerControlsVisible: context.arePlayerControlsVisible,
    displayResolution: player.displayResolution ?? "1280x720",
    isFullScreen: context.isFullScreen,
    isMuted: context.isMuted,
    isPaused: context.isPaused,
    isTheatreMode: context.isTheatreMode,
    playbackMode: context.playbackMode,
    volume: context.volume,
  };
  if (view === "mobile") for (const key of NOT_ON_MOBILE) delete full[key];
  return full;
}

/** How the rig names each kind of viewer. */
export const viewerLabels: Record<ViewerKind, string> = {
  "logged-out": "Logged out",
  anonymous: "Anonymous",
  identified: "Identity shared",
  broadcaster: "Broadcaster",
  moderator: "Moderator",
};
