import type { BroadcasterSettings } from "@ext/shared";
import { useSyncExternalStore } from "react";
import { EMPTY_SNAPSHOT, type TwitchSnapshot, type TwitchStore } from "../twitch/twitch-store.ts";
import type { TwitchAuthorized, TwitchTheme } from "../twitch/types.ts";
import { usePanelDeps } from "./panel-deps.tsx";

const noStore = {
  subscribe: () => () => {},
  getSnapshot: () => EMPTY_SNAPSHOT,
};

/** The snapshot of `store` (or an empty one without a helper), re-rendered on every change. */
export function useTwitchStoreSnapshot(store: TwitchStore | undefined): TwitchSnapshot {
  const source: Pick<TwitchStore, "subscribe" | "getSnapshot"> = store ?? noStore;
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

function useTwitchSnapshot(): TwitchSnapshot {
  return useTwitchStoreSnapshot(usePanelDeps().twitch);
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

/** The broadcaster's settings (chat on/off, template); `undefined` until the configuration arrives. */
export function useBroadcasterSettings(): BroadcasterSettings | undefined {
  return useTwitchSnapshot().settings;
}
