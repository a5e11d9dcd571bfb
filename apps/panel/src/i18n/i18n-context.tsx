import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from "react";
import type { LanguageState, LanguageStore } from "./language-store.ts";
import type { Translate } from "./translate.ts";

const I18nContext = createContext<LanguageState | undefined>(undefined);

/**
 * Gives the page its language: renders nothing until the first catalogue has loaded (a moment, so no
 * viewer sees another language first), then re-renders at once on every switch, and sets `<html lang>`
 * so screen readers pronounce the page in that language.
 */
export function I18nProvider({ languages, children }: { languages: LanguageStore; children: ReactNode }) {
  const state = useSyncExternalStore(languages.subscribe, languages.getSnapshot);
  const language = state?.language;
  useEffect(() => {
    if (language) document.documentElement.lang = language;
  }, [language]);
  if (!state) return null;
  return <I18nContext.Provider value={state}>{children}</I18nContext.Provider>;
}

/** The page's language and translator. */
export function useI18n(): LanguageState {
  const state = useContext(I18nContext);
  if (!state) throw new Error("useI18n must be used inside <I18nProvider>.");
  return state;
}

/** The translator of the page's language: `t("hype.button")`. */
export function useT(): Translate {
  return useI18n().t;
}
