import type { ViewerKind } from "../protocol.ts";

export type FrameMode = "viewer" | "config" | "dashboard";

/** Where the panel runs when the rig page says nothing (`?panel=` on the rig page overrides it). */
export const DEFAULT_PANEL_URL = "http://localhost:8080/index.html";

/** The panel URL from the rig page's `?panel=` parameter, or the default; anything not http(s) is refused. */
export function panelUrlFrom(search: string): string {
  const wanted = new URLSearchParams(search).get("panel");
  if (!wanted) return DEFAULT_PANEL_URL;
  try {
    const url = new URL(wanted);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : DEFAULT_PANEL_URL;
  } catch {
    return DEFAULT_PANEL_URL;
  }
}

/**
 * The broadcaster's configuration page. Twitch loads the version's "Config Path" for mode=config, a different
 * page from the panel's viewer path; this project's is `config.html` beside the panel (`?config=` overrides).
 */
export function configUrlFrom(search: string, panelUrl: string): string {
  const wanted = new URLSearchParams(search).get("config");
  if (wanted) {
    try {
      const url = new URL(wanted);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {
      // Not a URL: fall back to the page beside the panel.
    }
  }
  return new URL("config.html", panelUrl).href;
}

/**
 * The frame's src: the page for the frame's mode (the config page for mode=config, the panel otherwise) with
 * the query parameters Twitch adds to an extension frame.
 */
export function frameUrl(
  pages: { panel: string; config: string },
  options: { mode: FrameMode; state: string },
): string {
  const url = new URL(options.mode === "config" ? pages.config : pages.panel);
  const params: Record<string, string> = {
    anchor: "panel",
    language: "en",
    locale: "en-US",
    mode: options.mode,
    platform: "web",
    popout: "false",
    state: options.state,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

export const viewerLabels: Record<ViewerKind, string> = {
  "logged-out": "Logged out",
  anonymous: "Anonymous",
  identified: "Identity shared",
  broadcaster: "Broadcaster",
  moderator: "Moderator",
};
