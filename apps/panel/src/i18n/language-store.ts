import type { TwitchStore } from "../twitch/twitch-store.ts";
import { chooseLanguage, FALLBACK_LANGUAGE, formattingLocale, type Language } from "./languages.ts";
import { loadCatalog } from "./load-catalog.ts";
import { createTranslator, type LoadedCatalog, type Translate } from "./translate.ts";

/** The language a page shows, with its translator. */
export interface LanguageState {
  language: Language;
  /** The locale numbers are written in (`de-AT` for a viewer in Austria). */
  locale: string;
  t: Translate;
}

export interface LanguageStore {
  /** `undefined` until the first catalogue has loaded. */
  getSnapshot(): LanguageState | undefined;
  subscribe(listener: () => void): () => void;
}

export interface LanguageStoreOptions {
  /** The frame's `language` and `locale` query parameters. */
  query: { language?: string | null; locale?: string | null };
  /** The helper's store: its context `language` wins once it arrives, and a change switches at once. */
  twitch?: TwitchStore | undefined;
  /** Loads a catalogue (the build's lazy chunks by default). */
  load?: (language: Language) => Promise<LoadedCatalog>;
  /** Catalogues already at hand: shown without waiting (tests pass them all). */
  loaded?: Partial<Record<Language, LoadedCatalog>>;
}

/**
 * Keeps the page in the viewer's language: chosen from the context's `language`, else the query's
 * `locale` or `language` (English when Twitch names none we speak), switching whenever `onContext` names
 * another. A catalogue that has not loaded yet keeps the current language on screen until it has; one
 * that fails to load leaves the page in the language it shows (English when it shows none yet).
 */
export function createLanguageStore(options: LanguageStoreOptions): LanguageStore {
  const load = options.load ?? loadCatalog;
  const catalogs = new Map<Language, LoadedCatalog>(
    Object.entries(options.loaded ?? {}) as Array<[Language, LoadedCatalog]>,
  );
  const loading = new Set<Language>();
  const listeners = new Set<() => void>();
  let snapshot: LanguageState | undefined;

  const wanted = () =>
    chooseLanguage({
      contextLanguage: options.twitch?.getSnapshot().language,
      locale: options.query.locale,
      language: options.query.language,
    });

  const show = (language: Language, catalog: LoadedCatalog) => {
    if (snapshot?.language === language) return;
    const locale = formattingLocale(language, options.query.locale);
    snapshot = { language, locale, t: createTranslator(catalog, locale) };
    for (const listener of listeners) listener();
  };

  const request = (language: Language, loaded: (catalog: LoadedCatalog) => void, failed: () => void) => {
    if (loading.has(language)) return;
    loading.add(language);
    load(language).then(
      (catalog) => {
        loading.delete(language);
        catalogs.set(language, catalog);
        loaded(catalog);
      },
      (error: unknown) => {
        loading.delete(language);
        console.warn(`The ${language} messages did not load`, error);
        failed();
      },
    );
  };

  const follow = () => {
    const language = wanted();
    const catalog = catalogs.get(language);
    if (catalog) return show(language, catalog);
    request(
      language,
      (loaded) => {
        if (wanted() === language) show(language, loaded);
      },
      () => {
        if (snapshot || language === FALLBACK_LANGUAGE) return;
        const english = catalogs.get(FALLBACK_LANGUAGE);
        if (english) return show(FALLBACK_LANGUAGE, english);
        request(
          FALLBACK_LANGUAGE,
          (loaded) => {
            if (!snapshot) show(FALLBACK_LANGUAGE, loaded);
          },
          () => {},
        );
      },
    );
  };

  options.twitch?.subscribe(follow);
  follow();

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
