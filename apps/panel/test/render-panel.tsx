import { render } from "@testing-library/react";
import { createEbsClient } from "../src/api/ebs-client.ts";
import { App, type View } from "../src/components/App.tsx";
import { PanelDepsProvider } from "../src/hooks/panel-deps.tsx";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { createLanguageStore, type LanguageStoreOptions } from "../src/i18n/language-store.ts";
import { readLanguageQuery } from "../src/twitch/client-query.ts";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";
import { ALL_CATALOGS } from "./catalogs.ts";

/**
 * Renders a viewer's page the way `viewer-page.tsx` does: the helper found on `window` (install a fake
 * first, or none), a real EBS client pointed at `ebsUrl`, and the language from `search` (the frame's query
 * string) and the helper's context, with every catalogue at hand (`load` replaces that with a loader).
 */
export function renderPanel(options: {
  ebsUrl: string;
  tokenRefreshTimeoutMs?: number;
  view?: View;
  search?: string;
  load?: LanguageStoreOptions["load"];
}) {
  const ext = findTwitchExt();
  const twitch = ext ? createTwitchStore(ext) : undefined;
  const deps = {
    ebs: createEbsClient({ baseUrl: options.ebsUrl }),
    twitch,
    tokenRefreshTimeoutMs: options.tokenRefreshTimeoutMs ?? 2_000,
  };
  const languages = createLanguageStore({
    query: readLanguageQuery(options.search ?? ""),
    twitch,
    ...(options.load ? { load: options.load } : { loaded: ALL_CATALOGS }),
  });
  return render(
    <I18nProvider languages={languages}>
      <PanelDepsProvider deps={deps}>
        <App view={options.view ?? "panel"} />
      </PanelDepsProvider>
    </I18nProvider>,
  );
}
