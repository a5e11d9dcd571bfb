import { createEbsClient } from "../api/ebs-client.ts";
import { buildSettings } from "../build-settings.ts";
import { startPage } from "../start-page.tsx";
import { LiveConfigApp } from "./LiveConfigApp.tsx";

startPage((store) => (
  <LiveConfigApp store={store} ebs={createEbsClient({ baseUrl: buildSettings.ebsUrl })} />
));
