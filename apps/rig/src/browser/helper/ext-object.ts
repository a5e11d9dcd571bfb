import type { TwitchAuth } from "@ext/shared";
import {
  type ConfigurationSegments,
  type FeatureFlags,
  type FrameToParentMessage,
  RIG_MESSAGE_SOURCE,
  type RigViewer,
} from "../protocol.ts";
import { createBitsObject } from "./bits.ts";
import { type CallbackList, createCallbackList } from "./callbacks.ts";
import { createPubSubListeners, type PubSubListeners } from "./pubsub.ts";
import type { HelperRigClient } from "./rig-client.ts";

/** The version the mock reports as `Twitch.ext.version` (the helper generation it stands in for). */
export const MOCK_HELPER_VERSION = "1.24.9-rig";

export type ContextCallback = (
  context: Partial<Twitch.ext.Context>,
  changed: (keyof Twitch.ext.Context)[],
) => void;

/** Every callback list a page can register with `Twitch.ext`, and the PubSub listeners. */
export interface HelperCallbacks {
  errors: CallbackList<[unknown]>;
  authorized: CallbackList<[Twitch.ext.Authorized]>;
  contexts: CallbackList<Parameters<ContextCallback>>;
  featureChanges: CallbackList<[Twitch.ext.features.ChangedKey[]]>;
  configurationChanges: CallbackList<[]>;
  viewerChanges: CallbackList<[]>;
  follows: CallbackList<[boolean, string]>;
  visibility: CallbackList<[boolean, Partial<Twitch.ext.Context>]>;
  highlights: CallbackList<[boolean]>;
  positions: CallbackList<[{ x: number; y: number }]>;
  bitsCancelled: CallbackList<[]>;
  bitsCompleted: CallbackList<[Twitch.ext.BitsTransaction]>;
  pubsub: PubSubListeners;
}

/** The lists; a callback that throws is reported through `reportError` (onError callbacks: the console). */
export function createHelperCallbacks(reportError: (error: unknown) => void): HelperCallbacks {
  return {
    errors: createCallbackList<[unknown]>((error) =>
      console.error("Twitch.ext.onError callback threw", error),
    ),
    authorized: createCallbackList(reportError),
    contexts: createCallbackList(reportError),
    featureChanges: createCallbackList(reportError),
    configurationChanges: createCallbackList(reportError),
    viewerChanges: createCallbackList(reportError),
    follows: createCallbackList(reportError),
    visibility: createCallbackList(reportError),
    highlights: createCallbackList(reportError),
    positions: createCallbackList(reportError),
    bitsCancelled: createCallbackList(reportError),
    bitsCompleted: createCallbackList(reportError),
    pubsub: createPubSubListeners(reportError),
  };
}

/** What `Twitch.ext` reads and calls: the helper's current state, its callbacks and its ways out. */
export interface HelperCore {
  readonly auth: TwitchAuth | undefined;
  readonly viewer: RigViewer | undefined;
  readonly context: Partial<Twitch.ext.Context>;
  readonly features: Partial<FeatureFlags>;
  readonly configuration: ConfigurationSegments | undefined;
  /** The component's last position in the player (components only), replayed to a late onPositionChanged. */
  readonly position: { x: number; y: number } | undefined;
  /** True when the page runs alone, with no rig page to draw Twitch's dialogs. */
  readonly alone: boolean;
  callbacks: HelperCallbacks;
  client: HelperRigClient;
  /** Runs `fn` after `ms` (asynchronously, as Twitch's helper calls back), unless the helper was disposed. */
  later(fn: () => void, ms?: number): void;
  reportError(error: unknown): void;
  postToParent(message: FrameToParentMessage): void;
  /** The segments once `configuration.set` was stored. */
  applyConfiguration(next: ConfigurationSegments): void;
}

/** The `Twitch.ext` object a page sees, typed against @types/twitch-ext, over the helper's core. */
export function createExtObject(core: HelperCore): typeof Twitch.ext {
  const { callbacks, client, later, reportError, postToParent } = core;
  const requireAuth = (what: string): TwitchAuth | undefined => {
    const { auth } = core;
    if (!auth) reportError(new Error(`${what} before Twitch.ext.onAuthorized: wait for the first auth.`));
    return auth;
  };

  return {
    version: MOCK_HELPER_VERSION,
    environment: "production",
    onAuthorized(callback) {
      callbacks.authorized.add(callback);
      const latest = core.auth;
      if (latest) later(() => callback({ ...latest }));
    },
    onContext(callback) {
      const typed = callback as ContextCallback;
      callbacks.contexts.add(typed);
      later(() => {
        const { context } = core;
        typed({ ...context }, Object.keys(context) as (keyof Twitch.ext.Context)[]);
      });
    },
    onError: (callback) => callbacks.errors.add(callback),
    onVisibilityChanged: (callback) =>
      callbacks.visibility.add(callback as (v: boolean, c: Partial<Twitch.ext.Context>) => void),
    onHighlightChanged: (callback) => callbacks.highlights.add(callback),
    onPositionChanged(callback) {
      callbacks.positions.add(callback);
      const latest = core.position;
      if (latest) later(() => callback({ ...latest }));
    },
    listen: (target, callback) => callbacks.pubsub.listen(target, callback),
    unlisten: (target, callback) => callbacks.pubsub.unlisten(target, callback),
    send(target, contentType, message) {
      const current = requireAuth("Twitch.ext.send");
      if (!current) return;
      const body = typeof message === "string" ? message : JSON.stringify(message);
      client.sendPubSub({ token: current.token, target, contentType, message: body }).catch(reportError);
    },
    actions: {
      followChannel(channelName) {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: `followChannel(${channelName})` });
        later(() => callbacks.follows.fire(false, channelName));
      },
      minimize() {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: "minimize()" });
      },
      onFollow: (callback) => callbacks.follows.add(callback),
      requestIdShare() {
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "requestIdShare" });
      },
    },
    configuration: {
      get broadcaster() {
        return core.configuration?.broadcaster;
      },
      get developer() {
        return core.configuration?.developer;
      },
      get global() {
        return core.configuration?.global;
      },
      onChanged(callback) {
        callbacks.configurationChanges.add(callback);
        if (core.configuration !== undefined) later(() => callback());
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
            core.applyConfiguration({ ...core.configuration, broadcaster: { version, content } });
            postToParent({ source: RIG_MESSAGE_SOURCE, type: "configurationSet", channelId });
          })
          .catch(reportError);
      },
    },
    features: {
      // Undefined until the flags arrive (right after the first onAuthorized), as on Twitch.
      get isBitsEnabled() {
        return core.features.isBitsEnabled as boolean;
      },
      get isChatEnabled() {
        return core.features.isChatEnabled as boolean;
      },
      get isSubscriptionStatusAvailable() {
        return core.features.isSubscriptionStatusAvailable as boolean;
      },
      onChanged: (callback) =>
        callbacks.featureChanges.add(callback as (changed: Twitch.ext.features.ChangedKey[]) => void),
    },
    bits: createBitsObject(core),
    viewer: {
      get opaqueId() {
        return core.viewer?.opaqueId ?? "";
      },
      get id() {
        return core.viewer?.id ?? null;
      },
      get role() {
        return core.viewer?.role ?? "";
      },
      get isLinked() {
        return core.viewer?.isLinked ?? false;
      },
      get sessionToken() {
        return core.auth?.token ?? "";
      },
      get helixToken() {
        return core.auth?.helixToken ?? "";
      },
      subscriptionStatus: null,
      onChanged: (callback) => callbacks.viewerChanges.add(callback),
    },
    rig: {
      log(message) {
        console.log("[rig]", message);
        postToParent({ source: RIG_MESSAGE_SOURCE, type: "log", message: String(message) });
      },
    },
  };
}
