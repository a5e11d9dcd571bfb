import type { DeclaredViews, ViewName } from "../protocol.ts";
import { declaredViewOf, viewQuery } from "../views.ts";

/** Where the panel runs when the rig page says nothing (`?panel=` on the rig page overrides it). */
export const DEFAULT_PANEL_URL = "http://localhost:8080/index.html";

/** The rig page parameter that overrides each view's page (`?panel=`, `?config=`, `?overlay=`...). */
const OVERRIDES: Record<ViewName, string> = {
  panel: "panel",
  popout: "panel",
  video_overlay: "overlay",
  component: "component",
  mobile: "mobile",
  config: "config",
  live_config: "liveConfig",
};

function httpUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The panel URL from the rig page's `?panel=` parameter, or the default; anything not http(s) is refused. */
export function panelUrlFrom(search: string): string {
  return httpUrl(new URLSearchParams(search).get("panel")) ?? DEFAULT_PANEL_URL;
}

/**
 * The page a view loads: the path the version declares, resolved against the panel's URL (the rig's stand-in
 * for the version's Testing Base URI: `?panel=` or http://localhost:8080/index.html), unless the rig page names
 * the view's page itself (`?panel=`, `?config=`, `?liveConfig=`, `?overlay=`, `?component=`, `?mobile=`).
 * Undefined when the version does not declare the view.
 */
export function viewPageUrl(view: ViewName, views: DeclaredViews, search: string): string | undefined {
  const declared = declaredViewOf(view, views);
  if (!declared) return undefined;
  const params = new URLSearchParams(search);
  const override = httpUrl(params.get(OVERRIDES[view]));
  if (override) return override;
  const panel = panelUrlFrom(search);
  if ((view === "panel" || view === "popout") && params.get("panel")) return panel;
  return new URL(declared.viewerPath, panel).href;
}

/** The frame's src: the view's page with the query parameters Twitch adds to an extension frame. */
export function frameSrc(
  page: string,
  view: ViewName,
  input: { views: DeclaredViews; language: string; locale: string; state: string },
): string {
  const url = new URL(page);
  for (const [name, value] of Object.entries(viewQuery(view, input))) url.searchParams.set(name, value);
  return url.href;
}
