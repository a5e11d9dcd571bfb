import type { TwitchAuth } from "@ext/shared";
import type { BitsPurchaseEvent, ConfigurationSegments, PubSubEvent, RigStateView } from "../state/types.ts";

export type {
  BitsPurchaseEvent,
  ChannelContext,
  ChannelContextChange,
  ChannelView,
  ChatFaults,
  ChatMessage,
  ConfigurationSegment,
  ConfigurationSegments,
  DeclaredViews,
  LogEntry,
  PubSubEvent,
  RigBitsTransaction,
  RigStateView,
  UserView,
  ViewEvent,
  ViewerContext,
  ViewerQuery,
  ViewName,
} from "../state/types.ts";

/** Marks every message the rig UI and the mock helper exchange, so other postMessage traffic is ignored. */
export const RIG_MESSAGE_SOURCE = "twitch-ext-rig";

/** The viewer kinds the rig can issue frontend tokens for (`POST /rig/api/tokens`). */
export const viewerKinds = ["logged-out", "anonymous", "identified", "broadcaster", "moderator"] as const;
export type ViewerKind = (typeof viewerKinds)[number];

/** What `POST /rig/api/tokens` says about the viewer: the helper's `Twitch.ext.viewer` fields. */
export interface RigViewer {
  opaqueId: string;
  id: string | null;
  role: string;
  isLinked: boolean;
}

/** `POST /rig/api/tokens` answer. */
export interface RigTokenResponse {
  auth: TwitchAuth;
  expiresAt: string;
  viewer: RigViewer;
  /** The rig only: whose account the frame is, even with identity not shared (null when logged out). */
  account?: { id: string; displayName: string } | null;
}

export type FeatureFlags = {
  isBitsEnabled: boolean;
  isChatEnabled: boolean;
  isSubscriptionStatusAvailable: boolean;
};

/** Rig events a frame's helper cares about, relayed by the rig UI (or read from SSE when opened alone). */
export type RigEvent =
  | { event: "pubsub"; data: PubSubEvent }
  | { event: "state"; data: RigStateView }
  | { event: "configuration"; data: { channelId: string; segments?: ConfigurationSegments } }
  | { event: "bits"; data: BitsPurchaseEvent };

/** Messages the rig UI posts to a panel frame. */
export type ParentToFrameMessage = { source: typeof RIG_MESSAGE_SOURCE } & (
  | { type: "authorized"; auth: TwitchAuth; viewer: RigViewer }
  | { type: "context"; context: Partial<Twitch.ext.Context>; changed: string[] }
  | { type: "features"; features: FeatureFlags; changed: string[] }
  | { type: "error"; error: unknown }
  | ({ type: "event" } & RigEvent)
  | { type: "visibility"; isVisible: boolean }
  | { type: "highlight"; isHighlighted: boolean }
  | { type: "position"; position: { x: number; y: number } }
  /** The viewer cancelled the rig's Bits confirmation (or could not buy): onTransactionCancelled. */
  | { type: "bitsCancelled" }
);

/** Messages the helper in a panel frame posts to the rig UI. */
export type FrameToParentMessage = { source: typeof RIG_MESSAGE_SOURCE } & (
  | { type: "ready" }
  | { type: "requestIdShare" }
  | { type: "configurationSet"; channelId: string }
  | { type: "log"; message: string }
  /** `Twitch.ext.bits.useBits(sku)`: the rig page asks the viewer to confirm (loopback: setUseLoopback(true)). */
  | { type: "useBits"; sku: string; loopback: boolean }
  | { type: "showBitsBalance" }
);

/** True when `data` is a rig message (any direction); the caller still checks origin and source. */
export function isRigMessage(data: unknown): data is { source: string; type: string } {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { source?: unknown }).source === RIG_MESSAGE_SOURCE &&
    typeof (data as { type?: unknown }).type === "string"
  );
}

/** Feature flags as Twitch derives them from the extension and channel state. */
export function featuresFor(state: RigStateView, channelId: string): FeatureFlags {
  const channel = state.channels.find((c) => c.broadcasterId === channelId);
  return {
    isBitsEnabled: Boolean(channel?.bitsEligible),
    isChatEnabled: Boolean(state.extension.chatCapability && channel?.chatGranted),
    isSubscriptionStatusAvailable: false,
  };
}

/** Keys whose values differ between two flat records. */
export function changedKeys<T extends object>(before: Partial<T> | undefined, after: T): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((key) => before?.[key] !== after[key]);
}
