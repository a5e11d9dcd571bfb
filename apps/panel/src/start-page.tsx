import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { config as configureZod } from "zod/mini";
import { I18nProvider } from "./i18n/i18n-context.tsx";
import { createLanguageStore, type LanguageStoreOptions } from "./i18n/language-store.ts";
import { readLanguageQuery } from "./twitch/client-query.ts";
import { findTwitchExt } from "./twitch/helper.ts";
import { createTwitchStore, type TwitchStore } from "./twitch/twitch-store.ts";
import "./styles.css";

/**
 * What every page of the extension starts the same way: zod without eval (Twitch's CSP forbids it), the
 * helper's store (registered once), and the viewer's language; `render` gets the store and returns the view.
 * `load` loads a language's messages: the viewer's part by default, the whole catalogue for the streamer's pages.
 */
export function startPage(
  render: (twitch: TwitchStore | undefined) => ReactNode,
  load?: LanguageStoreOptions["load"],
): void {
  configureZod({ jitless: true });
  const ext = findTwitchExt();
  const twitch = ext ? createTwitchStore(ext) : undefined;
  const languages = createLanguageStore({
    query: readLanguageQuery(location.search),
    twitch,
    ...(load ? { load } : {}),
  });
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider languages={languages}>{render(twitch)}</I18nProvider>
    </StrictMode>,
  );
}
