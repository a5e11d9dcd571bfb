import { createEbsClient } from "../src/api/ebs-client.ts";
import { LiveConfigApp } from "../src/live-config/LiveConfigApp.tsx";
import { renderPage } from "./render-page.tsx";

/** Renders the live config view the way `src/live-config/main.tsx` does, with a real EBS client at `ebsUrl`. */
export function renderLiveConfig(options: { ebsUrl: string; search?: string }) {
  return renderPage(
    (store) => <LiveConfigApp store={store} ebs={createEbsClient({ baseUrl: options.ebsUrl })} />,
    options.search === undefined ? {} : { search: options.search },
  );
}
