import type { TwitchAuth } from "@ext/shared";
import {
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
import { createCallbackList } from "./callbacks.ts";
import { createPubSubListeners } from "./pubsub.ts";
import { initialContext, readClientQuery } from "./query.ts";
import { createHelperRigClient, type HelperRigClient } from "./rig-client.ts";
import { parentOrigin, rigOrigins } from "./rig-origin.ts";

/** The version the mock reports as `Twitch.ext.version` (the helper generation it stands in for). */
export const MOCK_HELPER_VERSION = "1.24.9-rig";

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

type ContextCallback = (context: Partial<Twitch.ext.Context>, changed: (keyof Twitch.ext.Context)[]) => void;

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

  const later = (fn: () => void, ms = 0) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!disposed) fn();
    }, ms);
    timers.add(timer);
  };
  const errors = createCallbackList<[unknown]>((error) =>
    console.error("Twitch.ext.onError callback threw", error),
  );
  const reportError = (error: unknown) => {
    if (errors.size === 0) console.warn("[rig helper]", error);
    errors.fire(error instanceof Error ? error.message : error);
  };
  const authorized = createCallbackList<[Twitch.ext.Authorized]>(reportError);
  const contexts = createCallbackList<Parameters<ContextCallback>>(reportError);
  const featureChanges = createCallbackList<[Twitch.ext.features.ChangedKey[]]>(reportError);
  const configurationChanges = createCallbackList<[]>(reportError);
  const viewerChanges = createCallbackList<[]>(reportError);
  const follows = createCallbackList<[boolean, string]>(reportError);
  const visibility = createCallbackList<[boolean, Partial<Twitch.ext.Context>]>(reportError);
  const highlights = createCallbackList<[boolean]>(reportError);
  const positions = createCallbackList<[{ x: number; y: number }]>(reportError);
  const bitsCancelled = createCallbackList<[]>(reportError);
  const bitsCompleted = createCallbackList<[Twitch.ext.BitsTransaction]>(reportError);
  const pubsub = createPubSubListeners(reportError);

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
    if (changed.length > 0) contexts.fire({ ...context }, changed);
  };

  const handleEvent = (rigEvent: RigEvent) => {
    if (!auth) return;
    if (rigEvent.event === "pubsub") {
      pubsub.deliver(rigEvent.data, { channelId: auth.channelId, opaqueId: viewer?.opaqueId });
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
    for (const name of ["pubsub", "state", "configuration"] as const) {
      stream.addEventListener(name, (event) => {
        try {
          handleEvent({ event: name, data: JSON.parse(String(event.data)) } as RigEvent);
        } catch (error) {
          reportError(error);
        }
      });
    }
  };

  const requireAuth = (what: string): TwitchAuth | undefined => {
    if (!auth) reportError(new Error(`${what} before Twitch.ext.onAuthorized: wait for the first auth.`));
    return auth;
  };

  const ext: typeof Twitch.ext = {
    version: MOCK_HELPER_VERSION,
    environment: "production",
    onAuthorized(callback) {
      authorized.add(callback);
      const latest = auth;
      if (latest) later(() => callback({ ...latest }));
    },
    onContext(callback) {
      const typed = callback as ContextCallback;
      contexts.add(typed);
      later(() => typed({ ...context }, Object.keys(context) as (keyof Twitch.ext.Context)[]));
    },
    onError: (callback) => errors.add(callback),
    onVisibilityChanged: (callback) =>
      visibility.add(callback as (v: boolean, c: Partial<Twitch.ext.Context>) => void),
    onHighlightChanged: (callback) => highlights.add(callback),
    onPositionChanged: (callback) => positions.add(callback),
    listen: (target, callback) => pubsub.listen(target, callback),
    unlisten: (target, callback) => pubsub.unlisten(target, callback),
    send(target, contentType, message) {
      const current = requireAuth("Twitch.ext.send");
      if (!current) return;
      const body = typeof message === "string" ? message : JSON.stringify(message);
      client.sendPubSub({ token: current.token, target, contentType, message: body }).catch(reportError);
    },
    actions: {
      followChannel(channelName) {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: `followChannel(${channelName})` });
        later(() => follows.fire(false, channelName));
      },
      minimize() {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: "minimize()" });
      },
      onFollow: (callback) => follows.add(callback),
      requestIdShare() {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "requestIdShare" });
      },
    },
    configuration: {
      get broadcaster() {
        return configuration?.broadcaster;
      },
      get developer() {
        return configuration?.developer;
      },
      get global() {
        return configuration?.global;
      },
      onChanged(callback) {
        configurationChanges.add(callback);
        if (configuration !== undefined) later(() => callback());
      },
      set(segment, version, content) {
        const current = requireAuth("Twitch.ext.configuration.set");
        if (!current) return;
        if (segment !== "broadcaster") {
          reportError(
            new Error(`Only the "broadcaster" segment can be set from the frontend, not "${segment}".`),
          );
          return;
        }
        const channelId = current.channelId;
        client
          .setConfiguration(channelId, { token: current.token, segment, version, content })
          .then(() => {
            applyConfiguration({ ...configuration, broadcaster: { version, content } });
            postToParent({ source: RIG_MESSAGE_SOURCE, type: "configurationSet", channelId });
          })
          .catch(reportError);
      },
    },
    features: {
      // Undefined until the flags arrive (right after the first onAuthorized), as on Twitch.
      get isBitsEnabled() {
        return features.isBitsEnabled as boolean;
      },
      get isChatEnabled() {
        return features.isChatEnabled as boolean;
      },
      get isSubscriptionStatusAvailable() {
        return features.isSubscriptionStatusAvailable as boolean;
      },
      onChanged: (callback) =>
        featureChanges.add(callback as (changed: Twitch.ext.features.ChangedKey[]) => void),
    },
    bits: {
      getProducts: () => Promise.resolve([]),
      onTransactionCancelled: (callback) => bitsCancelled.add(callback),
      onTransactionComplete: (callback) => bitsCompleted.add(callback),
      setUseLoopback: () => undefined,
      showBitsBalance: () => undefined,
      useBits: () => later(() => bitsCancelled.fire()),
    },
    viewer: {
      get opaqueId() {
        return viewer?.opaqueId ?? "";
      },
      get id() {
        return viewer?.id ?? null;
      },
      get role() {
        return viewer?.role ?? "";
      },
      get isLinked() {
        return viewer?.isLinked ?? false;
      },
      get sessionToken() {
        return auth?.token ?? "";
      },
      get helixToken() {
        return auth?.helixToken ?? "";
      },
      subscriptionStatus: null,
      onChanged: (callback) => viewerChanges.add(callback),
    },
    rig: {
      log(message) {
        console.log("[rig]", message);
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: String(message) });
      },
    },
  };

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
