import { useSyncExternalStore } from "react";
import { EMPTY_SNAPSHOT, type TwitchSnapshot, type TwitchStore } from "../twitch/twitch-store.ts";
import type { TwitchAuthorized, TwitchTheme } from "../twitch/types.ts";
import { usePanelDeps } from "./panel-deps.tsx";

const noStore = {
  subscribe: () => () => {},
  getSnapshot: () => EMPTY_SNAPSHOT,
};

function useTwitchSnapshot(): TwitchSnapshot {
  const store: Pick<TwitchStore, "subscribe" | "getSnapshot"> = usePanelDeps().twitch ?? noStore;
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The latest `onAuthorized` value (re-rendered on every token refresh), or `undefined` before Twitch sends one. */
export function useTwitchAuth(): TwitchAuthorized | undefined {
  return useTwitchSnapshot().auth;
}

/** The viewer's Twitch theme from `onContext`. */
export function useTwitchTheme(): TwitchTheme {
  return useTwitchSnapshot().theme;
}

/** `features.isChatEnabled`, kept current by `features.onChanged`; `undefined` until known. */
export function useChatEnabled(): boolean | undefined {
  return useTwitchSnapshot().chatEnabled;
}
