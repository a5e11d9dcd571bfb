import type { TwitchAuth } from "@ext/shared";
import {
  type ChannelContextChange,
  type ConfigurationSegments,
  changedKeys,
  type FeatureFlags,
  type FrameToParentMessage,
  featuresFor,
  isRigMessage,
  type ParentToFrameMessage,
  RIG_MESSAGE_SOURCE,
  type RigEvent,
  type RigTokenResponse,
  type RigViewer,
} from "../protocol.ts";
import { deliverBits } from "./bits.ts";
import { createExtObject, createHelperCallbacks } from "./ext-object.ts";
import { initialContext, readClientQuery } from "./query.ts";
import { createHelperRigClient, type HelperRigClient } from "./rig-client.ts";
import { parentOrigin, rigOrigins } from "./rig-origin.ts";

/** The part of `EventSource` the helper uses (its own stream when it runs alone). */
export interface EventStream {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface MockHelperOptions {
  /** The window the helper runs in (the panel page). */
  win: Window;
  /** The rig's origin, e.g. http://localhost:8090 (read from the helper's script src). */
  rigBase: string;
  /** The rig UI's window; defaults to `win.parent`. When it is `win`, the page was opened alone. */
  parent?: Window;
  fetch?: typeof fetch;
  /** Opens the rig's SSE stream (used only when the page runs alone). */
  openEvents?: (url: string) => EventStream;
  now?: () => number;
}

export interface MockHelper {
  ext: typeof Twitch.ext;
  /** Stops listening, closes the stream and cancels timers. */
  dispose(): void;
}

/**
 * A local `Twitch.ext` that behaves like Twitch's Extension Helper: inside a rig frame it learns everything
 * from the rig UI through `postMessage` (the way Twitch's helper talks to twitch.tv); opened alone, it asks
 * the rig for an identified viewer's token on the first channel and follows the rig's event stream itself.
 */
export function createMockHelper(options: MockHelperOptions): MockHelper {
  const { win, rigBase } = options;
  const parent = options.parent ?? win.parent;
  const alone = parent === win;
  const now = options.now ?? (() => Date.now());
  const client: HelperRigClient = createHelperRigClient(rigBase, options.fetch ?? win.fetch.bind(win));
  const allowedOrigins = rigOrigins(rigBase);
  const targetOrigin = parentOrigin(win, allowedOrigins);
  const query = readClientQuery(win.location.search);
  const timers = new Set<ReturnType<typeof setTimeout>>();

  let auth: TwitchAuth | undefined;
  let viewer: RigViewer | undefined;
  let context = initialContext(query);
  let features: Partial<FeatureFlags> = {};
  let pendingFeatures: FeatureFlags | undefined;
  let configuration: ConfigurationSegments | undefined;
  let configurationChannel: string | undefined;
  let stream: EventStream | undefined;
  let disposed = false;
  /** Hidden by the viewer (mobile, component): Twitch then sends no onContext until it is shown again. */
  let visible = true;
  let position: { x: number; y: number } | undefined;

  const later = (fn: () => void, ms = 0) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!disposed) fn();
    }, ms);
    timers.add(timer);
  };
  const callbacks = createHelperCallbacks((error) => reportError(error));
  const reportError = (error: unknown) => {
    if (callbacks.errors.size === 0) console.warn("[rig helper]", error);
    callbacks.errors.fire(error instanceof Error ? error.message : error);
  };
  const {
    authorized,
    contexts,
    featureChanges,
    configurationChanges,
    viewerChanges,
    pubsub,
    visibility,
    highlights,
    positions,
  } = callbacks;

  const postToParent = (message: FrameToParentMessage) => {
    if (!alone) parent.postMessage(message, targetOrigin);
  };

  const applyFeatures = (next: FeatureFlags) => {
    if (!auth) {
      pendingFeatures = next;
      return;
    }
    const changed = changedKeys(features, next);
    features = { ...next };
    if (changed.length > 0) featureChanges.fire(changed);
  };

  const applyConfiguration = (next: ConfigurationSegments) => {
    const first = configuration === undefined;
    const same = !first && JSON.stringify(configuration) === JSON.stringify(next);
    configuration = next;
    if (!same) configurationChanges.fire();
  };

  const loadConfiguration = async (channelId: string) => {
    try {
      const segments = await client.configuration(channelId);
      if (disposed || auth?.channelId !== channelId) return;
      configurationChannel = channelId;
      applyConfiguration(segments ?? {});
    } catch (error) {
      reportError(error);
    }
  };

  const applyAuth = (nextAuth: TwitchAuth, nextViewer: RigViewer) => {
    const first = auth === undefined;
    const viewerChanged = JSON.stringify(viewer) !== JSON.stringify(nextViewer);
    auth = { ...nextAuth };
    viewer = { ...nextViewer };
    if (viewerChanged) viewerChanges.fire();
    authorized.fire({ ...auth });
    if (first && pendingFeatures) {
      const queued = pendingFeatures;
      pendingFeatures = undefined;
      applyFeatures(queued);
    }
    if (configurationChannel !== auth.channelId) void loadConfiguration(auth.channelId);
  };

  const applyContext = (patch: Partial<Twitch.ext.Context>) => {
    const next = { ...context, ...patch };
    const changed = changedKeys(context, next).filter((key) => key in patch);
    context = next;
    if (changed.length > 0 && visible) contexts.fire({ ...context }, changed);
  };

  const applyVisibility = (isVisible: boolean) => {
    if (isVisible === visible) return;
    visible = isVisible;
    if (isVisible) visibility.fire(true, { ...context });
    else visibility.fire(false, {});
  };

  const handleEvent = (rigEvent: RigEvent) => {
    if (!auth) return;
    if (rigEvent.event === "pubsub") {
      pubsub.deliver(rigEvent.data, {
        channelId: auth.channelId,
        opaqueId: viewer?.opaqueId,
        userId: viewer?.id,
      });
      return;
    }
    if (rigEvent.event === "bits") {
      // Purchases happen on the channel page: the broadcaster's config and dashboard pages hear none.
      if (query.mode === "viewer") deliverBits({ auth, viewer, callbacks }, rigEvent.data);
      return;
    }
    if (rigEvent.event === "state") {
      if (alone) applyFeatures(featuresFor(rigEvent.data, auth.channelId));
      return;
    }
    if (rigEvent.data.channelId !== auth.channelId) return;
    if (rigEvent.data.segments) applyConfiguration(rigEvent.data.segments);
    else void loadConfiguration(auth.channelId);
  };

  const handleParentMessage = (message: ParentToFrameMessage) => {
    switch (message.type) {
      case "authorized":
        applyAuth(message.auth, message.viewer);
        break;
      case "context":
        applyContext(message.context);
        break;
      case "features":
        applyFeatures(message.features);
        break;
      case "error":
        reportError(message.error);
        break;
      case "event":
        handleEvent(message);
        break;
      case "visibility":
        applyVisibility(message.isVisible);
        break;
      case "highlight":
        highlights.fire(message.isHighlighted);
        break;
      case "position":
        position = { ...message.position };
        positions.fire({ ...position });
        break;
      case "bitsCancelled":
        callbacks.bitsCancelled.fire();
        break;
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (alone || event.source !== parent || !allowedOrigins.includes(event.origin)) return;
    if (!isRigMessage(event.data)) return;
    handleParentMessage(event.data as ParentToFrameMessage);
  };

  const authorizeAlone = async () => {
    try {
      const state = await client.state();
      const channel = state.channels[0];
      if (!channel) throw new Error("The rig has no channel: nothing to authorize the panel on.");
      const issued: RigTokenResponse = await client.token({
        channelId: channel.broadcasterId,
        viewer: "identified",
      });
      if (disposed) return;
      applyAuth(issued.auth, issued.viewer);
      applyFeatures(featuresFor(state, channel.broadcasterId));
      const lifeMs = Date.parse(issued.expiresAt) - now();
      later(() => void authorizeAlone(), Math.max(1000, lifeMs * 0.8));
    } catch (error) {
      reportError(error);
      later(() => void authorizeAlone(), 5000);
    }
  };

  const openStream = () => {
    if (!options.openEvents) return;
    stream = options.openEvents(`${rigBase}/rig/api/events`);
    for (const name of ["pubsub", "state", "configuration", "bits"] as const) {
      stream.addEventListener(name, (event) => {
        try {
          handleEvent({ event: name, data: JSON.parse(String(event.data)) } as RigEvent);
        } catch (error) {
          reportError(error);
        }
      });
    }
    // Opened alone, no rig UI passes the channel's context on: follow PATCH /rig/api/channels/:id/context here.
    stream.addEventListener("context", (event) => {
      try {
        const change = JSON.parse(String(event.data)) as ChannelContextChange;
        if (!auth || change.channelId !== auth.channelId) return;
        const patch: Record<string, unknown> = {};
        for (const key of change.changed.context) patch[key] = change.context[key];
        applyContext(patch as Partial<Twitch.ext.Context>);
      } catch (error) {
        reportError(error);
      }
    });
  };

  const ext = createExtObject({
    get auth() {
      return auth;
    },
    get viewer() {
      return viewer;
    },
    get context() {
      return context;
    },
    get features() {
      return features;
    },
    get configuration() {
      return configuration;
    },
    get position() {
      return position;
    },
    alone,
    callbacks,
    client,
    later,
    reportError,
    postToParent,
    applyConfiguration,
  });

  win.addEventListener("message", onMessage);
  if (alone) {
    openStream();
    void authorizeAlone();
  } else {
    postToParent({ source: RIG_MESSAGE_SOURCE, type: "ready" });
  }

  return {
    ext,
    dispose() {
      disposed = true;
      win.removeEventListener("message", onMessage);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      stream?.close();
    },
  };
}
