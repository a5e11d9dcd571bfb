import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { config as configureZod } from "zod/mini";
import { createEbsClient } from "../api/ebs-client.ts";
import { buildSettings } from "../build-settings.ts";
import { findTwitchExt } from "../twitch/helper.ts";
import { createTwitchStore } from "../twitch/twitch-store.ts";
import { ConfigApp } from "./ConfigApp.tsx";
import "../styles.css";

// Twitch's CSP forbids eval: never let zod probe `new Function`.
configureZod({ jitless: true });

const ext = findTwitchExt();
const store = ext ? createTwitchStore(ext) : undefined;
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigApp store={store} ebs={createEbsClient({ baseUrl: buildSettings.ebsUrl })} />
    </StrictMode>,
  );
}
