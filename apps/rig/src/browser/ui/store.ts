import type { ChannelView, RigStateView } from "../protocol.ts";

export type Theme = "dark" | "light";

/** What every part of the rig UI reads: the rig's state, the selected channel and the viewers' theme. */
export interface UiStore {
  readonly state: RigStateView;
  readonly channelId: string;
  readonly theme: Theme;
  channel(): ChannelView | undefined;
  displayName(userId: string | null | undefined): string | undefined;
  setState(state: RigStateView): void;
  selectChannel(channelId: string): void;
  setTheme(theme: Theme): void;
  /** Calls `listener` after each change with what changed. */
  subscribe(listener: (change: "state" | "channel" | "theme") => void): void;
}

export function createUiStore(initial: RigStateView, channelId: string): UiStore {
  let state = initial;
  let selected = channelId;
  let theme: Theme = "dark";
  const listeners: ((change: "state" | "channel" | "theme") => void)[] = [];
  const emit = (change: "state" | "channel" | "theme") => {
    for (const listener of listeners) listener(change);
  };
  return {
    get state() {
      return state;
    },
    get channelId() {
      return selected;
    },
    get theme() {
      return theme;
    },
    channel: () => state.channels.find((c) => c.broadcasterId === selected),
    displayName(userId) {
      if (!userId) return undefined;
      return (
        state.users.find((u) => u.id === userId)?.displayName ??
        state.channels.find((c) => c.broadcasterId === userId)?.displayName
      );
    },
    setState(next) {
      state = next;
      emit("state");
    },
    selectChannel(next) {
      if (next === selected) return;
      selected = next;
      emit("channel");
    },
    setTheme(next) {
      theme = next;
      emit("theme");
    },
    subscribe: (listener) => {
      listeners.push(listener);
    },
  };
}
