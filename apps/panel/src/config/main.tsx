import { createEbsClient } from "../api/ebs-client.ts";
import { buildSettings } from "../build-settings.ts";
import { loadConfigCatalog } from "../i18n/load-config-catalog.ts";
import { startPage } from "../start-page.tsx";
import { ConfigApp } from "./ConfigApp.tsx";
import { createSettingsNotifier } from "./settings-notifier.ts";

startPage(
  (store) => (
    <ConfigApp
      store={store}
      ebs={createSettingsNotifier(createEbsClient({ baseUrl: buildSettings.ebsUrl }))}
    />
  ),
  loadConfigCatalog,
);
