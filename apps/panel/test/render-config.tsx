import { render } from "@testing-library/react";
import { ConfigApp } from "../src/config/ConfigApp.tsx";
import type { SettingsNotifier } from "../src/config/use-settings-editor.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { createLanguageStore } from "../src/i18n/language-store.ts";
import { readLanguageQuery } from "../src/twitch/client-query.ts";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";
import { ALL_CATALOGS } from "./catalogs.ts";

/**
 * Renders the config view the way `src/config/main.tsx` does, with the helper found on `window` and the
 * language from `search` (the frame's query string) and the helper's context.
 */
export function renderConfig(ebs?: SettingsNotifier, options: { search?: string } = {}) {
  const ext = findTwitchExt();
  const store = ext ? createTwitchStore(ext) : undefined;
  const languages = createLanguageStore({
    query: readLanguageQuery(options.search ?? ""),
    twitch: store,
    loaded: ALL_CATALOGS,
  });
  return render(
    <I18nProvider languages={languages}>
      <ConfigApp store={store} {...(ebs ? { ebs } : {})} />
    </I18nProvider>,
  );
}
