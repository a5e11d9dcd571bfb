import type { ChannelContext, ChannelContextChange, ViewerContext, ViewerQuery } from "./types.ts";

/** What a viewer's frames are told before anyone changes anything: Twitch's values for a quiet evening. */
export const DEFAULT_VIEWER_CONTEXT: ViewerContext = {
  theme: "dark",
  language: "en",
  game: "Software and Game Development",
  playbackMode: "video",
  isFullScreen: false,
  isTheatreMode: false,
  arePlayerControlsVisible: false,
  isPaused: false,
  isMuted: false,
  volume: 0.5,
};

/** The locale Twitch pairs with a language when a test names only the language. */
const USUAL_LOCALES: Record<string, string> = {
  en: "en-US",
  de: "de-DE",
  es: "es-ES",
  fr: "fr-FR",
  it: "it-IT",
  ja: "ja-JP",
  ko: "ko-KR",
  "pt-br": "pt-BR",
  pt: "pt-PT",
  ru: "ru-RU",
  "zh-cn": "zh-CN",
  "zh-tw": "zh-TW",
};

/** The locale that goes with `language` (`de` → `de-DE`), or the language itself when the rig knows none. */
export function usualLocale(language: string): string {
  return USUAL_LOCALES[language.toLowerCase()] ?? language;
}

export function defaultChannelContext(channelId: string): ChannelContext {
  return {
    channelId,
    context: { ...DEFAULT_VIEWER_CONTEXT },
    query: { language: "en", locale: "en-US" },
    componentPosition: null,
  };
}

export interface ChannelContextPatch {
  context?: Partial<ViewerContext>;
  query?: Partial<ViewerQuery>;
  componentPosition?: { x: number; y: number } | null;
}

/** Applies a patch and says what changed; a query language without a locale takes its usual locale. */
export function applyContextPatch(current: ChannelContext, patch: ChannelContextPatch): ChannelContextChange {
  const context = { ...current.context, ...patch.context };
  const wantedQuery = { ...patch.query };
  if (wantedQuery.language !== undefined && wantedQuery.locale === undefined) {
    wantedQuery.locale = usualLocale(wantedQuery.language);
  }
  const query = { ...current.query, ...wantedQuery };
  const componentPosition =
    patch.componentPosition === undefined ? current.componentPosition : patch.componentPosition;
  const differs = <T extends object>(before: T, after: T) =>
    (Object.keys(after) as (keyof T)[]).filter((key) => before[key] !== after[key]);
  return {
    channelId: current.channelId,
    context,
    query,
    componentPosition: componentPosition ? { ...componentPosition } : null,
    changed: {
      context: differs(current.context, context),
      query: differs(current.query, query),
      componentPosition: JSON.stringify(current.componentPosition) !== JSON.stringify(componentPosition),
    },
  };
}
