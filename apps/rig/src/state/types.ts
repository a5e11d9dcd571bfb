import type { ChannelExtensionState, RefusalCode } from "@ext/shared";

/** A channel as the rig API shows it: Twitch's extension state plus the channel's names. */
export type ChannelView = ChannelExtensionState & { login: string; displayName: string };

export interface UserView {
  id: string;
  login: string;
  displayName: string;
  kind: "owner" | "broadcaster" | "viewer" | "moderator";
}

/** `GET /rig/api/state`, and the data of the SSE `state` event. */
export interface RigStateView {
  extension: {
    clientId: string;
    name: string;
    ownerUserId: string;
    version: string;
    chatCapability: boolean;
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
  /** Set when the rig failed the call on purpose (fault injection): "500", "503", "timeout" or "reset". */
  fault?: ChatFaultKind;
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

/** What the SSE stream relays, by event name. */
export interface RigEvents {
  chat: ChatMessage;
  log: LogEntry;
  state: RigStateView;
  pubsub: PubSubEvent;
  configuration: { channelId: string; segments: ConfigurationSegments };
  /** A context change for every frame of a channel (what Twitch's page tells the helper's `onContext`). */
  context: ContextEvent;
}

/** The keys of Twitch's extension context (`onContext`) the rig lets a test or a developer change. */
export interface ContextPatch {
  language?: string;
  theme?: "light" | "dark";
  game?: string;
  playbackMode?: "video" | "audio" | "remote" | "chat-only";
  isFullScreen?: boolean;
  isTheatreMode?: boolean;
  arePlayerControlsVisible?: boolean;
}

/** `POST /rig/api/channels/:id/context`: the keys of the channel's context that changed. */
export interface ContextEvent {
  channelId: string;
  context: ContextPatch;
}
export type RigEventName = keyof RigEvents;
