import { DEFAULT_VIEWER_CONTEXT } from "../../state/channel-context.ts";
import { contextForView, viewFromQuery } from "../views.ts";

/** Twitch's client query parameters, read from the frame URL (strings, as Twitch passes them). */
export type ClientQuery = Twitch.ext.ClientQueryParams;

const DEFAULT_QUERY: ClientQuery = {
  anchor: "panel",
  language: "en",
  locale: "en-US",
  mode: "viewer",
  platform: "web",
  popout: "false",
  state: "testing",
};

/** The frame's query parameters with Twitch's defaults for any that are missing. */
export function readClientQuery(search: string): ClientQuery {
  const params = new URLSearchParams(search);
  const pick = <K extends keyof ClientQuery>(key: K): ClientQuery[K] =>
    (params.get(key) as ClientQuery[K] | null) ?? DEFAULT_QUERY[key];
  return {
    anchor: pick("anchor"),
    language: pick("language"),
    locale: pick("locale"),
    mode: pick("mode"),
    platform: pick("platform"),
    popout: pick("popout"),
    state: pick("state"),
  };
}

/**
 * The context a page gets on load before the rig says anything else: Twitch's values for a quiet evening, only
 * the keys Twitch sends to this view (no player on the broadcaster's pages, no player controls on phones).
 */
export function initialContext(query: ClientQuery): Partial<Twitch.ext.Context> {
  const view = viewFromQuery(query);
  return contextForView(view, { ...DEFAULT_VIEWER_CONTEXT, language: query.language });
}
