import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { config as configureZod } from "zod/mini";
import { createEbsClient } from "./api/ebs-client.ts";
import { buildSettings } from "./build-settings.ts";
import { App } from "./components/App.tsx";
import { PanelDepsProvider } from "./hooks/panel-deps.tsx";
import { findTwitchExt } from "./twitch/helper.ts";
import { createTwitchStore } from "./twitch/twitch-store.ts";
import "./styles.css";

// Twitch's CSP forbids eval: stop zod from probing `new Function` to compile parsers.
configureZod({ jitless: true });

const ext = findTwitchExt();
const deps = {
  ebs: createEbsClient({ baseUrl: buildSettings.ebsUrl }),
  twitch: ext ? createTwitchStore(ext) : undefined,
  tokenRefreshTimeoutMs: buildSettings.tokenRefreshTimeoutMs,
};

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PanelDepsProvider deps={deps}>
        <App />
      </PanelDepsProvider>
    </StrictMode>,
  );
}
