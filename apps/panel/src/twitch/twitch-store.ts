import { type BroadcasterSettings, parseBroadcasterSettings } from "@ext/shared";
import type { TwitchAuthorized, TwitchExt, TwitchTheme } from "./types.ts";

/** What the panel knows from the helper at one moment. Replaced, never mutated, on every change. */
export interface TwitchSnapshot {
  /** The latest `onAuthorized` value; `undefined` until Twitch authorizes the panel. */
  auth: TwitchAuthorized | undefined;
  theme: TwitchTheme;
  /** `onContext`'s `language` (e.g. "de"); `undefined` until a context with one arrives. */
  language: string | undefined;
  /** `features.isChatEnabled`; `undefined` until the feature flags arrive. */
  chatEnabled: boolean | undefined;
  /**
   * The broadcaster's settings from the Configuration Service's `broadcaster` segment (defaults when it is
   * empty or unreadable); `undefined` until `configuration.onChanged` first fires.
   */
  settings: BroadcasterSettings | undefined;
  /** `features.isBitsEnabled`: the channel can take Bits; `undefined` until the feature flags arrive. */
  bitsEnabled: boolean | undefined;
}

export interface TwitchStore {
  readonly ext: TwitchExt;
  getSnapshot(): TwitchSnapshot;
  /** For `useSyncExternalStore`: calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Resolves with the first auth whose token is not `staleToken` (at once if the latest already differs),
   * or with `undefined` when none arrives within `timeoutMs`.
   */
  nextAuth(options: { staleToken: string; timeoutMs: number }): Promise<TwitchAuthorized | undefined>;
  /**
   * Calls `listener` each time the helper says the view is visible (`onVisibilityChanged(true)`: a mobile
   * app back in front, a component shown again); returns the unsubscribe function. What changed while it
   * was hidden was missed: the listener catches up.
   */
  onShown(listener: () => void): () => void;
}

export const EMPTY_SNAPSHOT: TwitchSnapshot = {
  auth: undefined,
  theme: "dark",
  language: undefined,
  chatEnabled: undefined,
  settings: undefined,
  bitsEnabled: undefined,
};

function readChatEnabled(ext: TwitchExt): boolean | undefined {
  const value: unknown = ext.features.isChatEnabled;
  return typeof value === "boolean" ? value : undefined;
}

function readBitsEnabled(ext: TwitchExt): boolean | undefined {
  const value: unknown = ext.features.isBitsEnabled;
  return typeof value === "boolean" ? value : undefined;
}

/**
 * Registers the panel's callbacks with the helper exactly once (the helper has no way to unregister) and
 * keeps the latest auth, theme, language, chat flag and broadcaster settings, and tells who asks when the view
 * is shown again. `onAuthorized` fires again on every token refresh: the
 * snapshot always holds the newest token.
 */
export function createTwitchStore(ext: TwitchExt): TwitchStore {
  let snapshot = EMPTY_SNAPSHOT;
  let settingsContent: string | undefined;
  const listeners = new Set<() => void>();
  const authWaiters = new Set<(auth: TwitchAuthorized) => void>();
  const shownListeners = new Set<() => void>();

  const update = (patch: Partial<TwitchSnapshot>) => {
    const next = { ...snapshot, ...patch };
    if (
      next.auth === snapshot.auth &&
      next.theme === snapshot.theme &&
      next.language === snapshot.language &&
      next.chatEnabled === snapshot.chatEnabled &&
      next.settings === snapshot.settings &&
      next.bitsEnabled === snapshot.bitsEnabled
    ) {
      return;
    }
    snapshot = next;
    for (const listener of listeners) listener();
  };

  ext.onAuthorized((auth) => {
    update({ auth, chatEnabled: readChatEnabled(ext), bitsEnabled: readBitsEnabled(ext) });
    for (const waiter of authWaiters) waiter(auth);
  });
  ext.onContext((context) => {
    const patch: Partial<TwitchSnapshot> = {};
    if (context.theme === "light" || context.theme === "dark") patch.theme = context.theme;
    if (typeof context.language === "string" && context.language !== "") patch.language = context.language;
    update(patch);
  });
  ext.features.onChanged((changed) => {
    if (changed.includes("isChatEnabled")) update({ chatEnabled: readChatEnabled(ext) });
    if (changed.includes("isBitsEnabled")) update({ bitsEnabled: readBitsEnabled(ext) });
  });
  ext.configuration.onChanged(() => {
    const content = ext.configuration.broadcaster?.content;
    if (snapshot.settings && content === settingsContent) return;
    settingsContent = content;
    update({ settings: parseBroadcasterSettings(content) });
  });
  ext.onVisibilityChanged((isVisible: boolean) => {
    if (isVisible) for (const listener of shownListeners) listener();
  });
  ext.onError((error: unknown) => {
    console.warn("Twitch extension helper reported an error", error);
  });

  return {
    ext,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onShown(listener) {
      shownListeners.add(listener);
      return () => shownListeners.delete(listener);
    },
    nextAuth({ staleToken, timeoutMs }) {
      const latest = snapshot.auth;
      if (latest && latest.token !== staleToken) return Promise.resolve(latest);
      return new Promise((resolve) => {
        const waiter = (auth: TwitchAuthorized) => {
          if (auth.token === staleToken) return;
          finish(auth);
        };
        const timer = setTimeout(() => finish(undefined), timeoutMs);
        const finish = (auth: TwitchAuthorized | undefined) => {
          clearTimeout(timer);
          authWaiters.delete(waiter);
          resolve(auth);
        };
        authWaiters.add(waiter);
      });
    },
  };
}
