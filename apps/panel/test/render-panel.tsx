import { render } from "@testing-library/react";
import { createEbsClient } from "../src/api/ebs-client.ts";
import { App } from "../src/components/App.tsx";
import { PanelDepsProvider } from "../src/hooks/panel-deps.tsx";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";

/**
 * Renders the panel the way `main.tsx` does: the helper found on `window` (install a fake first, or none),
 * and a real EBS client pointed at `ebsUrl`.
 */
export function renderPanel(options: { ebsUrl: string; tokenRefreshTimeoutMs?: number }) {
  const ext = findTwitchExt();
  const deps = {
    ebs: createEbsClient({ baseUrl: options.ebsUrl }),
    twitch: ext ? createTwitchStore(ext) : undefined,
    tokenRefreshTimeoutMs: options.tokenRefreshTimeoutMs ?? 2_000,
  };
  return render(
    <PanelDepsProvider deps={deps}>
      <App />
    </PanelDepsProvider>,
  );
}
