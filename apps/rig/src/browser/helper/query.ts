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

/** The context a panel gets on load before the page says anything else (Twitch's values for a quiet page). */
export function initialContext(query: ClientQuery): Partial<Twitch.ext.Context> {
  return {
    arePlayerControlsVisible: false,
    bitrate: 6000,
    bufferSize: 2,
    displayResolution: "1280x720",
    game: "Software and Game Development",
    hlsLatencyBroadcaster: 4,
    isFullScreen: false,
    isMuted: false,
    isPaused: false,
    isTheatreMode: false,
    language: query.language,
    mode: query.mode,
    playbackMode: "video",
    theme: "dark",
    videoResolution: "1920x1080",
    volume: 0.5,
  };
}
