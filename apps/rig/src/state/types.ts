import type {
  ChannelExtensionState,
  EventSubSubscription,
  FrontendBitsProduct,
  RefusalCode,
} from "@ext/shared";
import type { DeclaredViews } from "@ext/shared/dev-extension";

export type { DeclaredViews };

/** A channel as the rig API shows it: Twitch's extension state, the channel's names, its stream (null: offline). */
export type ChannelView = ChannelExtensionState & {
  login: string;
  displayName: string;
  stream: LiveStream | null;
  /** The channel can take Bits (Twitch: an Affiliate or Partner where Bits work); `features.isBitsEnabled`. */
  bitsEligible: boolean;
};

export interface UserView {
  id: string;
  login: string;
  displayName: string;
  kind: "owner" | "broadcaster" | "viewer" | "moderator";
}

/** A channel's stream while it is live, as Get Streams shows it (`GET /helix/streams`). */
export interface LiveStream {
  /** Twitch's stream id: a new one each time the channel goes live. */
  id: string;
  /** ISO date the stream went live (Get Streams' `started_at`). */
  startedAt: string;
  title: string;
}

/** `GET /rig/api/state`, and the data of the SSE `state` event. */
export interface RigStateView {
  extension: {
    clientId: string;
    name: string;
    ownerUserId: string;
    version: string;
    chatCapability: boolean;
    /** The version's views (console → Asset Hosting): a view absent here is not offered by Twitch. */
    views: DeclaredViews;
    /** Capabilities → Request Identity Link: requestIdShare does nothing when off. */
    requestIdentityLink: boolean;
  };
  channels: ChannelView[];
  users: UserView[];
}

/** A message as the channel's chat shows it: sent by the extension, under its name. */
export interface ChatMessage {
  id: string;
  channelId: string;
  sender: string;
  text: string;
  at: string;
}

/** One mock API call; never holds a header, a token or a secret. */
export interface LogEntry {
  id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  code?: RefusalCode;
  diagnosis?: string;
  /** A PubSub call: its targets and the message's size in UTF-8 bytes, as far as the body said (refused ones too). */
  pubsub?: { targets: string[]; bytes?: number };
  /** A Get Streams call answered: how many channels it asked about (0: every live one) and which were live. */
  streams?: { asked: number; live: string[] };
  /** Set when the rig failed the call on purpose (fault injection): "500", "503", "timeout" or "reset". */
  fault?: ChatFaultKind;
  /** A call the rig made, not received: an EventSub delivery to a webhook callback (status 0: no answer). */
  outgoing?: boolean;
}

/** Ways the rig can fail a chat call on purpose. */
export const chatFaultKinds = ["500", "503", "timeout", "reset"] as const;
export type ChatFaultKind = (typeof chatFaultKinds)[number];

/** Fault injection for chat calls: each call fails with probability `chatFailureRate`, one of `kinds`. */
export interface ChatFaults {
  chatFailureRate: number;
  kinds: ChatFaultKind[];
}

export interface ConfigurationSegment {
  version: string;
  content: string;
}
export type SegmentName = "broadcaster" | "developer" | "global";
export type ConfigurationSegments = Partial<Record<SegmentName, ConfigurationSegment>>;

export interface PubSubEvent {
  channelId: string;
  target: string;
  contentType: string;
  message: unknown;
}

/**
 * Where Twitch shows an extension: the three slots of a channel page (panel, video overlay, video component), a
 * popped-out panel, the mobile app, and the broadcaster's two pages (config, live config).
 */
export const viewNames = [
  "panel",
  "popout",
  "video_overlay",
  "component",
  "mobile",
  "config",
  "live_config",
] as const;
export type ViewName = (typeof viewNames)[number];

/** What `onContext` tells a channel's viewers in the rig (each view gets the keys Twitch sends it). */
export interface ViewerContext {
  theme: "light" | "dark";
  /** The context's `language` (TWITCH.md: onContext); the frame's query `language` is {@link ViewerQuery}. */
  language: string;
  game: string;
  playbackMode: "video" | "audio" | "remote" | "chat-only";
  isFullScreen: boolean;
  isTheatreMode: boolean;
  arePlayerControlsVisible: boolean;
  isPaused: boolean;
  isMuted: boolean;
  volume: number;
}

/** The viewer's language and locale as the frame's query string carries them (fixed for a frame's life). */
export interface ViewerQuery {
  language: string;
  locale: string;
}

/** `GET /rig/api/channels/:id/context`: what the channel's viewer frames are told about their viewer's world. */
export interface ChannelContext {
  channelId: string;
  context: ViewerContext;
  query: ViewerQuery;
  /**
   * The video component's top-left corner in percent of the player's width and height (`onPositionChanged`);
   * null: where the rig places it, at the player's right edge.
   */
  componentPosition: { x: number; y: number } | null;
}

/** What changed in a channel's context, as the SSE `context` event says it. */
export interface ChannelContextChange extends ChannelContext {
  changed: { context: (keyof ViewerContext)[]; query: (keyof ViewerQuery)[]; componentPosition: boolean };
}

/** The views Twitch calls each event for (@types/twitch-ext, Twitch's helper reference). */
export const viewEventViews = {
  /** onVisibilityChanged: mobile and component extensions only. */
  visibility: ["mobile", "component"],
  /** onHighlightChanged: video overlay and component extensions only. */
  highlight: ["video_overlay", "component"],
} as const satisfies Record<string, readonly ViewName[]>;

/** `POST /rig/api/channels/:id/context/events`, and the SSE `viewEvent` event. */
export type ViewEvent = { channelId: string; views: ViewName[] } & (
  | { event: "visibility"; isVisible: boolean }
  | { event: "highlight"; isHighlighted: boolean }
);

/** `onTransactionComplete`'s transaction, as Twitch's helper gives it (the frame sets `initiator`). */
export interface RigBitsTransaction {
  transactionID: string;
  domainID: string;
  product: FrontendBitsProduct;
  userId: string;
  displayName: string;
  transactionReceipt: string;
}

/** A confirmed purchase, the SSE `bits` event: the buyer's frames complete it, every frame of the channel if broadcast. */
export interface BitsPurchaseEvent {
  channelId: string;
  /** The buyer's opaque id: a frame of that viewer gets `initiator: "current_user"`, others `"other"`. */
  buyerOpaqueId: string;
  broadcast: boolean;
  /** setUseLoopback(true) with an in-development product: no Bits spent, no transaction, no EventSub. */
  loopback: boolean;
  transaction: RigBitsTransaction;
}

/** What the SSE stream relays, by event name. */
export interface RigEvents {
  chat: ChatMessage;
  log: LogEntry;
  state: RigStateView;
  pubsub: PubSubEvent;
  configuration: { channelId: string; segments: ConfigurationSegments };
  context: ChannelContextChange;
  viewEvent: ViewEvent;
  bits: BitsPurchaseEvent;
  /** A webhook subscription to verify (created) or to tell it was revoked; not relayed to browsers. */
  eventsub: { action: "created" | "revoked"; subscription: EventSubSubscription };
}
export type RigEventName = keyof RigEvents;
