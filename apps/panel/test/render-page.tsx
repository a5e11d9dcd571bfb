import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { createLanguageStore, type LanguageStoreOptions } from "../src/i18n/language-store.ts";
import { readLanguageQuery } from "../src/twitch/client-query.ts";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore, type TwitchStore } from "../src/twitch/twitch-store.ts";
import { ALL_CATALOGS } from "./catalogs.ts";

/**
 * Renders a page the way `src/start-page.tsx` starts one: the helper found on `window` (install a fake first,
 * or none), the language from `search` (the frame's query string) and the helper's context, with every
 * catalogue at hand (`load` replaces that with a loader); `page` gets the helper's store.
 */
export function renderPage(
  page: (twitch: TwitchStore | undefined) => ReactNode,
  options: { search?: string; load?: LanguageStoreOptions["load"] } = {},
) {
  const ext = findTwitchExt();
  const twitch = ext ? createTwitchStore(ext) : undefined;
  const languages = createLanguageStore({
    query: readLanguageQuery(options.search ?? ""),
    twitch,
    ...(options.load ? { load: options.load } : { loaded: ALL_CATALOGS }),
  });
  return render(<I18nProvider languages={languages}>{page(twitch)}</I18nProvider>);
}
