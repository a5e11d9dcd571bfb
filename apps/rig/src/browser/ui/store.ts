import type { ChannelContext, ChannelView, RigStateView } from "../protocol.ts";

export type Theme = "dark" | "light";
export type StoreChange = "state" | "channel" | "context";

/** What every part of the rig UI reads: the rig's state, the selected channel and its viewers' context. */
export interface UiStore {
  readonly state: RigStateView;
  readonly channelId: string;
  /** The selected channel's viewer context (GET /rig/api/channels/:id/context, then SSE `context`). */
  readonly context: ChannelContext;
  /** The context before the last change, so each part can tell what changed for it. */
  readonly previousContext: ChannelContext;
  readonly theme: Theme;
  channel(): ChannelView | undefined;
  displayName(userId: string | null | undefined): string | undefined;
  setState(state: RigStateView): void;
  /** Selects another channel with its context. */
  selectChannel(channelId: string, context: ChannelContext): void;
  /** A context for the selected channel (ignored for another channel). */
  setContext(context: ChannelContext): void;
  /** Calls `listener` after each change with what changed. */
  subscribe(listener: (change: StoreChange) => void): void;
}

export function createUiStore(initial: RigStateView, context: ChannelContext): UiStore {
  let state = initial;
  let current = context;
  let previous = context;
  const listeners: ((change: StoreChange) => void)[] = [];
  const emit = (change: StoreChange) => {
    for (const listener of listeners) listener(change);
  };
  return {
    get state() {
      return state;
    },
    get channelId() {
      return current.channelId;
    },
    get context() {
      return current;
    },
    get previousContext() {
      return previous;
    },
    get theme() {
      return current.context.theme;
    },
    channel: () => state.channels.find((c) => c.broadcasterId === current.channelId),
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
    selectChannel(channelId, next) {
      if (channelId === current.channelId || next.channelId !== channelId) return;
      previous = next;
      current = next;
      emit("channel");
    },
    setContext(next) {
      if (next.channelId !== current.channelId) return;
      previous = current;
      current = next;
      emit("context");
    },
    subscribe: (listener) => {
      listeners.push(listener);
    },
  };
}
