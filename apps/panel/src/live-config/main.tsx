import { createEbsClient } from "../api/ebs-client.ts";
import { buildSettings } from "../build-settings.ts";
import { loadDashboardCatalog } from "../i18n/load-dashboard-catalog.ts";
import { startPage } from "../start-page.tsx";
import { LiveConfigApp } from "./LiveConfigApp.tsx";

/** live_config.html: the broadcaster's live dashboard view (`mode=dashboard`). */
startPage(
  (store) => <LiveConfigApp store={store} ebs={createEbsClient({ baseUrl: buildSettings.ebsUrl })} />,
  loadDashboardCatalog,
);
