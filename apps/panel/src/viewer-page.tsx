import { createEbsClient } from "./api/ebs-client.ts";
import { buildSettings } from "./build-settings.ts";
import { App, type View } from "./components/App.tsx";
import { PanelDepsProvider } from "./hooks/panel-deps.tsx";
import { startPage } from "./start-page.tsx";

/** Starts a viewer's page: the panel (`index.html`) or the mobile view (`mobile.html`), same action. */
export function startViewerPage(view: View): void {
  startPage((twitch) => (
    <PanelDepsProvider
      deps={{
        ebs: createEbsClient({ baseUrl: buildSettings.ebsUrl }),
        twitch,
        tokenRefreshTimeoutMs: buildSettings.tokenRefreshTimeoutMs,
      }}
    >
      <App view={view} />
    </PanelDepsProvider>
  ));
}
