import { randomBytes, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { type Clock, TWITCH } from "@ext/shared";
import type { DevConfig } from "@ext/shared/dev-extension";
import type { ExtensionIdentity } from "@ext/shared/server";
import { type BitsState, createBitsState } from "./bits-state.ts";
import { applyContextPatch, type ChannelContextPatch, defaultChannelContext } from "./channel-context.ts";
import { createEventSubState, type EventSubState } from "./eventsub-state.ts";
import { createRateWindow, type RateWindow } from "./rate-window.ts";
import { createRequestLog, type RequestLog } from "./request-log.ts";
import { createSecretStore, type SecretStore } from "./secret-store.ts";
import { createStreamBook } from "./streams.ts";
import { createTokenBucket } from "./token-bucket.ts";
import type {
  ChannelContext,
  ChannelView,
  ChatFaultKind,
  ChatFaults,
  ChatMessage,
  ConfigurationSegment,
  ConfigurationSegments,
  LogEntry,
  RigEventName,
  RigEvents,
  RigStateView,
  SegmentName,
  UserView,
  ViewEvent,
} from "./types.ts";

/** Chat messages kept per channel (the chat column shows the newest). */
const CHAT_KEPT = 200;
/** How long an app access token from /oauth2/token lives (Twitch's are about two months). */
export const APP_TOKEN_TTL_SECONDS = 60 * 24 * 60 * 60;

export type ChannelPatch = Partial<
  Pick<
    ChannelView,
    "activated" | "versionState" | "chatGranted" | "requiredConfigurationMet" | "bitsEligible"
  >
> & { installedVersion?: string | null };

/** A bearer token the rig issued (app access token or a frontend's helixToken). */
export interface IssuedToken {
  kind: "app" | "helix";
  clientId: string;
  expiresAt: number;
}

/** A change of the version's settings; a view set to null is no longer declared. */
export interface ExtensionPatch {
  chatCapability?: boolean;
  requestIdentityLink?: boolean;
  views?: { [K in keyof DevConfig["extension"]["views"]]?: DevConfig["extension"]["views"][K] | null };
}

type Listener<E extends RigEventName> = (data: RigEvents[E]) => void;

/** Everything the rig remembers; mutated only through these methods, each change announced as an event. */
export interface RigState {
  readonly clock: Clock;
  readonly extension: DevConfig["extension"];
  readonly secrets: SecretStore;
  readonly log: RequestLog;
  readonly chatLimit: RateWindow;
  readonly pubsubLimit: RateWindow;
  readonly bits: BitsState;
  readonly eventsub: EventSubState;
  /** What diagnoseChatCall needs to know about the extension, with the secrets valid now. */
  identity(): ExtensionIdentity & { chatCapability: boolean };
  view(): RigStateView;
  channel(id: string): ChannelView | undefined;
  updateChannel(id: string, patch: ChannelPatch): ChannelView | undefined;
  /** Takes the channel live (a new stream, started now, unless already live) or offline; undefined for no such channel. */
  setLive(id: string, live: boolean): ChannelView | undefined;
  /** Adds a channel with the extension installed, activated and chat granted; undefined if the id exists. */
  addChannel(input: { id: string; login: string; displayName: string }): ChannelView | undefined;
  faults(): ChatFaults;
  setFaults(faults: ChatFaults): void;
  /** Draws whether this chat call fails on purpose, and how. */
  chatFault(): ChatFaultKind | undefined;
  setChatCapability(on: boolean): void;
  /** Changes the version's settings as the console would: capabilities, declared views (null removes one). */
  updateExtension(patch: ExtensionPatch): RigStateView["extension"];
  /** The channel's viewer context (what onContext and the frames' query say); undefined for no such channel. */
  channelContext(channelId: string): ChannelContext | undefined;
  updateChannelContext(channelId: string, patch: ChannelContextPatch): ChannelContext | undefined;
  /** Tells the channel's frames of those views that they were hidden or shown, highlighted or not. */
  sendViewEvent(event: ViewEvent): void;
  users(): UserView[];
  user(id: string): UserView | undefined;
  chat(channelId: string): ChatMessage[];
  postChat(channelId: string, text: string): ChatMessage;
  configuration(channelId: string): ConfigurationSegments;
  setConfiguration(input: {
    segment: SegmentName;
    channelId: string | undefined;
    value: ConfigurationSegment;
  }): void;
  setRequiredConfiguration(channelId: string, value: string): void;
  issueToken(kind: IssuedToken["kind"], ttlSeconds: number): { token: string; expiresAt: number };
  token(value: string): IssuedToken | undefined;
  record(entry: Omit<LogEntry, "id" | "at">): LogEntry;
  publish<E extends RigEventName>(event: E, data: RigEvents[E]): void;
  on<E extends RigEventName>(event: E, listener: Listener<E>): () => void;
  /** How many listeners an event has (open SSE streams hold one each). */
  listenerCount(event: RigEventName): number;
}

/** A channel as the state keeps it; its stream lives in the stream book. */
type StoredChannel = Omit<ChannelView, "stream">;

/** Builds the rig's in-memory state from a development config. No I/O; time comes from `clock`. */
export function createRigState(input: {
  config: DevConfig;
  clock: Clock;
  /** [0, 1) for fault injection; tests pass their own. */
  random?: () => number;
  /** Hosts besides this machine the rig may post EventSub deliveries to (RIG_EVENTSUB_HOSTS). */
  eventSubHosts?: readonly string[];
}): RigState {
  const { clock } = input;
  const random = input.random ?? Math.random;
  let faults: ChatFaults = { chatFailureRate: 0, kinds: ["500", "503", "timeout", "reset"] };
  const extension = { ...input.config.extension, views: structuredClone(input.config.extension.views) };
  const contexts = new Map<string, ChannelContext>();
  const channels = new Map<string, StoredChannel>(
    input.config.channels.map((c) => [c.broadcasterId, { bitsEligible: true, ...c }]),
  );
  const users = input.config.users.map((u) => ({ ...u }));
  const chats = new Map<string, ChatMessage[]>();
  const channelSegments = new Map<string, ConfigurationSegments>();
  let globalSegment: ConfigurationSegment | undefined;
  const requiredConfiguration = new Map<string, string>();
  const tokens = new Map<string, IssuedToken>();
  const secrets = createSecretStore({ initial: extension.secretBase64, clock });
  const log = createRequestLog(500);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const chatLimit = createRateWindow({ limit: TWITCH.chatMessagesPerMinute, windowMs: 60_000, clock });
  // Developers observe a bucket of 100 refilling one a second per channel (global its own), not a sliding minute.
  const pubsubLimit = createTokenBucket({ capacity: TWITCH.pubsubMessagesPerMinute, refillMs: 1000, clock });
  const streams = createStreamBook(clock);
  const withStream = (channel: StoredChannel): ChannelView => ({
    ...channel,
    stream: streams.get(channel.broadcasterId),
  });

  const view = (): RigStateView => ({
    extension: {
      clientId: extension.clientId,
      name: extension.name,
      ownerUserId: extension.ownerUserId,
      version: extension.version,
      chatCapability: extension.chatCapability,
      views: structuredClone(extension.views),
      requestIdentityLink: extension.requestIdentityLink,
    },
    channels: [...channels.values()].map(withStream),
    users: users.map((u) => ({ ...u })),
  });
  const publish = <E extends RigEventName>(event: E, data: RigEvents[E]) => emitter.emit(event, data);
  const configuration = (channelId: string): ConfigurationSegments => ({
    ...channelSegments.get(channelId),
    ...(globalSegment ? { global: globalSegment } : {}),
  });

  return {
    clock,
    extension,
    secrets,
    log,
    chatLimit,
    pubsubLimit,
    bits: createBitsState(),
    eventsub: createEventSubState(clock, { allowedHosts: input.eventSubHosts ?? [] }),
    identity: () => ({
      clientId: extension.clientId,
      ownerUserId: extension.ownerUserId,
      secrets: secrets.ring(),
      clientSecret: extension.clientSecret,
      chatCapability: extension.chatCapability,
    }),
    view,
    channel(id) {
      const found = channels.get(id);
      return found ? withStream(found) : undefined;
    },
    updateChannel(id, patch) {
      const found = channels.get(id);
      if (!found) return undefined;
      const { installedVersion, ...rest } = patch;
      Object.assign(found, rest);
      if (installedVersion !== undefined) {
        found.installedVersion = installedVersion ?? undefined;
        if (installedVersion === null) found.activated = false;
      }
      publish("state", view());
      return withStream(found);
    },
    setLive(id, live) {
      const found = channels.get(id);
      if (!found) return undefined;
      const before = streams.get(id);
      const after = streams.set(found, live);
      if (before?.id !== after?.id) publish("state", view());
      return withStream(found);
    },
    addChannel({ id, login, displayName }) {
      if (channels.has(id)) return undefined;
      const channel: StoredChannel = {
        broadcasterId: id,
        login,
        displayName,
        installedVersion: extension.version,
        activated: true,
        versionState: "released",
        chatGranted: true,
        requiredConfigurationMet: true,
        bitsEligible: true,
      };
      channels.set(id, channel);
      if (!users.some((u) => u.id === id)) users.push({ id, login, displayName, kind: "broadcaster" });
      publish("state", view());
      return withStream(channel);
    },
    faults: () => ({ ...faults, kinds: [...faults.kinds] }),
    setFaults(next) {
      faults = { chatFailureRate: next.chatFailureRate, kinds: [...next.kinds] };
    },
    chatFault() {
      if (faults.chatFailureRate <= 0 || faults.kinds.length === 0) return undefined;
      if (random() >= faults.chatFailureRate) return undefined;
      return faults.kinds[Math.floor(random() * faults.kinds.length)];
    },
    setChatCapability(on) {
      extension.chatCapability = on;
      publish("state", view());
    },
    updateExtension(patch) {
      if (patch.chatCapability !== undefined) extension.chatCapability = patch.chatCapability;
      if (patch.requestIdentityLink !== undefined) extension.requestIdentityLink = patch.requestIdentityLink;
      for (const [name, value] of Object.entries(patch.views ?? {})) {
        const key = name as keyof typeof extension.views;
        if (value === null) delete extension.views[key];
        else if (value !== undefined) Object.assign(extension.views, { [key]: structuredClone(value) });
      }
      const next = view();
      publish("state", next);
      return next.extension;
    },
    channelContext(channelId) {
      if (!channels.has(channelId)) return undefined;
      return structuredClone(contexts.get(channelId) ?? defaultChannelContext(channelId));
    },
    updateChannelContext(channelId, patch) {
      if (!channels.has(channelId)) return undefined;
      const change = applyContextPatch(contexts.get(channelId) ?? defaultChannelContext(channelId), patch);
      const { changed, ...next } = change;
      contexts.set(channelId, next);
      if (changed.context.length > 0 || changed.query.length > 0 || changed.componentPosition) {
        publish("context", structuredClone(change));
      }
      return structuredClone(next);
    },
    sendViewEvent(event) {
      publish("viewEvent", structuredClone(event));
    },
    users: () => users.map((u) => ({ ...u })),
    user: (id) => users.find((u) => u.id === id),
    chat: (channelId) => [...(chats.get(channelId) ?? [])],
    postChat(channelId, text) {
      const message: ChatMessage = {
        id: randomUUID(),
        channelId,
        sender: extension.name,
        text,
        at: new Date(clock()).toISOString(),
      };
      const list = chats.get(channelId) ?? [];
      list.push(message);
      if (list.length > CHAT_KEPT) list.splice(0, list.length - CHAT_KEPT);
      chats.set(channelId, list);
      publish("chat", message);
      return message;
    },
    configuration,
    setConfiguration({ segment, channelId, value }) {
      if (segment === "global") {
        globalSegment = { ...value };
        for (const id of channels.keys()) {
          publish("configuration", { channelId: id, segments: configuration(id) });
        }
        return;
      }
      if (channelId === undefined) return;
      channelSegments.set(channelId, { ...channelSegments.get(channelId), [segment]: { ...value } });
      publish("configuration", { channelId, segments: configuration(channelId) });
    },
    setRequiredConfiguration(channelId, value) {
      requiredConfiguration.set(channelId, value);
      const found = channels.get(channelId);
      const declared = extension.requiredConfiguration;
      const met = declared === undefined || value === declared;
      if (found && found.requiredConfigurationMet !== met) {
        found.requiredConfigurationMet = met;
        publish("state", view());
      }
    },
    issueToken(kind, ttlSeconds) {
      const token = randomBytes(15).toString("hex");
      const expiresAt = clock() + ttlSeconds * 1000;
      tokens.set(token, { kind, clientId: extension.clientId, expiresAt });
      return { token, expiresAt };
    },
    token(value) {
      const found = tokens.get(value);
      if (!found) return undefined;
      if (found.expiresAt <= clock()) {
        tokens.delete(value);
        return undefined;
      }
      return found;
    },
    record(entry) {
      const stored = log.add({ at: new Date(clock()).toISOString(), ...entry });
      publish("log", stored);
      return stored;
    },
    publish,
    on(event, listener) {
      emitter.on(event, listener as (data: unknown) => void);
      return () => {
        emitter.off(event, listener as (data: unknown) => void);
      };
    },
    listenerCount: (event) => emitter.listenerCount(event),
  };
}
