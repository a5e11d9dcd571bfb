import { createEbsClient } from "../src/api/ebs-client.ts";
import { App, type View } from "../src/components/App.tsx";
import { PanelDepsProvider } from "../src/hooks/panel-deps.tsx";
import type { LanguageStoreOptions } from "../src/i18n/language-store.ts";
import { renderPage } from "./render-page.tsx";

/**
 * Renders a viewer's page the way `viewer-page.tsx` does (`renderPage`), with a real EBS client pointed at
 * `ebsUrl`.
 */
export function renderPanel(options: {
  ebsUrl: string;
  tokenRefreshTimeoutMs?: number;
  view?: View;
  search?: string;
  load?: LanguageStoreOptions["load"];
}) {
  return renderPage(
    (twitch) => (
      <PanelDepsProvider
        deps={{
          ebs: createEbsClient({ baseUrl: options.ebsUrl }),
          twitch,
          tokenRefreshTimeoutMs: options.tokenRefreshTimeoutMs ?? 2_000,
        }}
      >
        <App view={options.view ?? "panel"} />
      </PanelDepsProvider>
    ),
    {
      ...(options.search === undefined ? {} : { search: options.search }),
      ...(options.load ? { load: options.load } : {}),
    },
  );
}
