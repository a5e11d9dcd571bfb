import { render } from "@testing-library/react";
import { createEbsClient } from "../src/api/ebs-client.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { createLanguageStore } from "../src/i18n/language-store.ts";
import { LiveConfigApp } from "../src/live-config/LiveConfigApp.tsx";
import { readLanguageQuery } from "../src/twitch/client-query.ts";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";
import { ALL_CATALOGS } from "./catalogs.ts";

/**
 * Renders the live config view the way `src/live-config/main.tsx` does: the helper found on `window`, a real
 * EBS client pointed at `ebsUrl`, the language from `search` and the helper's context.
 */
export function renderLiveConfig(options: { ebsUrl: string; search?: string }) {
  const ext = findTwitchExt();
  const store = ext ? createTwitchStore(ext) : undefined;
  const languages = createLanguageStore({
    query: readLanguageQuery(options.search ?? ""),
    twitch: store,
    loaded: ALL_CATALOGS,
  });
  return render(
    <I18nProvider languages={languages}>
      <LiveConfigApp store={store} ebs={createEbsClient({ baseUrl: options.ebsUrl })} />
    </I18nProvider>,
  );
}
