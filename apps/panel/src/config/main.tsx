import { createEbsClient } from "../api/ebs-client.ts";
import { buildSettings } from "../build-settings.ts";
import { startPage } from "../start-page.tsx";
import { ConfigApp } from "./ConfigApp.tsx";

startPage((store) => <ConfigApp store={store} ebs={createEbsClient({ baseUrl: buildSettings.ebsUrl })} />);
