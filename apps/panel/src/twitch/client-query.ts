/** The query parameters Twitch puts on every extension frame that say which language the viewer reads. */
export interface LanguageQuery {
  /** e.g. "de" */
  language: string | null;
  /** e.g. "de-DE" */
  locale: string | null;
}

/** Reads `language` and `locale` from the frame's query string (`location.search`). */
export function readLanguageQuery(search: string): LanguageQuery {
  const params = new URLSearchParams(search);
  return { language: params.get("language"), locale: params.get("locale") };
}
