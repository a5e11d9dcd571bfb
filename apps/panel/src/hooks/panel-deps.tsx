import { createContext, type ReactNode, useContext } from "react";
import type { EbsClient } from "../api/ebs-client.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";

/** What the panel talks to, passed in at the top so tests hand in real local servers and fakes. */
export interface PanelDeps {
  ebs: EbsClient;
  /** `undefined` when Twitch's helper did not load: the panel then waits for Twitch. */
  twitch: TwitchStore | undefined;
  /** How long to wait for a fresh token after the EBS said the old one expired. */
  tokenRefreshTimeoutMs: number;
}

const PanelDepsContext = createContext<PanelDeps | undefined>(undefined);

export function PanelDepsProvider({ deps, children }: { deps: PanelDeps; children: ReactNode }) {
  return <PanelDepsContext.Provider value={deps}>{children}</PanelDepsContext.Provider>;
}

export function usePanelDeps(): PanelDeps {
  const deps = useContext(PanelDepsContext);
  if (!deps) throw new Error("usePanelDeps must be used inside <PanelDepsProvider>.");
  return deps;
}
