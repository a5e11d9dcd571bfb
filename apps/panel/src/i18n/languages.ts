/** The languages the panel, the mobile view and the config view speak, English first (the fallback). */
export const LANGUAGES = ["en", "de", "es", "fr", "pt-BR", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

/** English: what a viewer whose language the extension does not speak reads. */
export const FALLBACK_LANGUAGE: Language = "en";

/**
 * The language of ours that a Twitch language tag asks for: `de`, `de-AT` and `DE_de` are German; any
 * Portuguese is `pt-BR` (the closest we have); a language we do not speak, or no tag, is `undefined`.
 */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  if (primary === "pt") return "pt-BR";
  return LANGUAGES.find((language) => language === primary);
}

/** Where Twitch says which language the viewer reads. */
export interface LanguageSources {
  /** `Twitch.ext.onContext`'s `language`, once it has arrived: it follows the viewer's setting live. */
  contextLanguage?: string | undefined;
  /** The frame's `locale` query parameter (e.g. `pt-BR`), set when Twitch loaded the frame. */
  locale?: string | null | undefined;
  /** The frame's `language` query parameter (e.g. `de`). */
  language?: string | null | undefined;
}

/**
 * The language to show: the context's, else the query's `locale`, else its `language`, taking the first of
 * those the extension speaks; English when none is.
 */
export function chooseLanguage(sources: LanguageSources): Language {
  return (
    matchLanguage(sources.contextLanguage) ??
    matchLanguage(sources.locale) ??
    matchLanguage(sources.language) ??
    FALLBACK_LANGUAGE
  );
}

/**
 * The locale numbers are formatted in: the query's `locale` when it is a region of the chosen language
 * (`de-AT`, `fr-CA`), else the language itself.
 */
export function formattingLocale(language: Language, locale: string | null | undefined): string {
  if (!locale || matchLanguage(locale) !== language) return language;
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, "-"))[0] ?? language;
  } catch {
    return language;
  }
}
