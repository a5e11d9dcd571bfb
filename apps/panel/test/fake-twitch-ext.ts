import type { PubSubListener, TwitchAuthorized, TwitchExt } from "../src/twitch/types.ts";
import { createFakeBits, type FakeBits } from "./fake-bits.ts";

type ChangedKey = Twitch.ext.features.ChangedKey;
type Segment = { version: string; content: string };

/** One `configuration.set` call the page made. */
export interface ConfigurationSet {
  segment: string;
  version: string;
  content: string;
}

/** An in-process stand-in for Twitch's Extension Helper with knobs to drive it from a test. */
export interface FakeTwitchExt extends TwitchExt {
  /** Fires `onAuthorized` like Twitch does at start and on every token refresh. */
  authorize(auth: Partial<TwitchAuthorized> & { token: string }): void;
  /** Fires `onContext` with a partial context. */
  setContext(context: Partial<Twitch.ext.Context>): void;
  /** Changes `features.isChatEnabled` and fires `features.onChanged`. */
  setChatEnabled(enabled: boolean): void;
  /** Changes `features.isBitsEnabled` and fires `features.onChanged`. */
  setBitsEnabled(enabled: boolean): void;
  /** Twitch's side of Bits purchases (`Twitch.ext.bits`). */
  readonly fakeBits: FakeBits;
  /**
   * Delivers the Configuration Service's segments like Twitch does when they first arrive and on each
   * change: sets `configuration.broadcaster` (`undefined` for an empty segment) and fires `onChanged`.
   */
  deliverConfiguration(segments: { broadcaster?: Segment }): void;
  /** Every `configuration.set` call, in order. Like Twitch, `set` does not fire `onChanged` by itself. */
  readonly configurationSets: readonly ConfigurationSet[];
  /** Delivers a PubSub message to the page's `listen(target)` callbacks, as Twitch does. */
  pubsub(message: string, target?: string): void;
  /** Fires `onVisibilityChanged` (a mobile app sent to the background and back, a component hidden). */
  setVisible(visible: boolean): void;
  /** How many callbacks listen on `target` now (the page unlistens when it unmounts). */
  listeners(target: string): number;
  /** How many times the panel called `actions.requestIdShare()`. */
  readonly idShareRequests: number;
  /** How many callbacks the panel registered with `onAuthorized`. */
  readonly authorizedCallbackCount: number;
}

/** Builds a fake helper; `chatEnabled` is the initial `features.isChatEnabled`. */
export function createFakeTwitchExt(options: { chatEnabled?: boolean } = {}): FakeTwitchExt {
  const authorized: Array<(auth: TwitchAuthorized) => void> = [];
  const contexts: Array<Parameters<TwitchExt["onContext"]>[0]> = [];
  const featureListeners: Array<(changed: readonly ChangedKey[]) => void> = [];
  const features = {
    isChatEnabled: options.chatEnabled ?? true,
    isBitsEnabled: false,
    onChanged(callback: (changed: readonly ChangedKey[]) => void) {
      featureListeners.push(callback);
    },
  };
  let idShareRequests = 0;
  const visibilityListeners: Array<(visible: boolean) => void> = [];
  const pubsubListeners: Array<{ target: string; callback: PubSubListener }> = [];
  const fakeBits = createFakeBits();
  const configurationListeners: Array<() => void> = [];
  const configurationSets: ConfigurationSet[] = [];
  const configuration = {
    broadcaster: undefined as Segment | undefined,
    onChanged(callback: () => void) {
      configurationListeners.push(callback);
    },
    set(segment: "broadcaster", version: string, content: string) {
      configurationSets.push({ segment, version, content });
      configuration.broadcaster = { version, content };
    },
  };

  return {
    onAuthorized(callback) {
      authorized.push(callback);
    },
    onContext(callback) {
      contexts.push(callback);
    },
    onError() {},
    onVisibilityChanged(callback) {
      visibilityListeners.push(callback as (visible: boolean) => void);
    },
    listen(target, callback) {
      pubsubListeners.push({ target, callback });
    },
    unlisten(target, callback) {
      const index = pubsubListeners.findIndex((l) => l.target === target && l.callback === callback);
      if (index >= 0) pubsubListeners.splice(index, 1);
    },
    features,
    configuration,
    bits: fakeBits.bits,
    fakeBits,
    actions: {
      requestIdShare() {
        idShareRequests++;
      },
    },
    authorize(auth) {
      const full: TwitchAuthorized = {
        channelId: "1234",
        clientId: "fakeclientid",
        helixToken: "helix-token",
        userId: "U1234",
        ...auth,
      };
      for (const callback of authorized) callback(full);
    },
    setContext(context) {
      const changed = Object.keys(context) as Array<keyof Twitch.ext.Context>;
      for (const callback of contexts) callback(context, changed);
    },
    setChatEnabled(enabled) {
      features.isChatEnabled = enabled;
      for (const callback of featureListeners) callback(["isChatEnabled"]);
    },
    setBitsEnabled(enabled) {
      features.isBitsEnabled = enabled;
      for (const callback of featureListeners) callback(["isBitsEnabled"]);
    },
    deliverConfiguration(segments) {
      configuration.broadcaster = segments.broadcaster;
      for (const callback of configurationListeners) callback();
    },
    pubsub(message, target = "broadcast") {
      for (const listener of pubsubListeners.filter((l) => l.target === target)) {
        listener.callback(target, "application/json", message);
      }
    },
    setVisible(visible) {
      for (const callback of visibilityListeners) callback(visible);
    },
    listeners(target) {
      return pubsubListeners.filter((l) => l.target === target).length;
    },
    get configurationSets() {
      return configurationSets;
    },
    get idShareRequests() {
      return idShareRequests;
    },
    get authorizedCallbackCount() {
      return authorized.length;
    },
  };
}

/** Puts the fake where Twitch's helper script puts the real one; returns the function that removes it. */
export function installFakeTwitch(ext: TwitchExt): () => void {
  Object.defineProperty(window, "Twitch", { value: { ext }, configurable: true, writable: true });
  return () => {
    Reflect.deleteProperty(window, "Twitch");
  };
}

let tokenSerial = 0;

/**
 * A viewer token shaped like Twitch's (header.payload.signature). The signature is a placeholder: the
 * panel never verifies tokens, and the fake EBS in these tests only reads them. Each call gives a new token.
 */
export function viewerToken(claims: { userId?: string; role?: string } = {}): string {
  tokenSerial++;
  const payload = {
    exp: Math.floor(Date.now() / 1000) + 3600 + tokenSerial,
    opaque_user_id: "U1234",
    channel_id: "1234",
    role: claims.role ?? "viewer",
    ...(claims.userId ? { user_id: claims.userId } : {}),
    pubsub_perms: { listen: ["broadcast"], send: [] },
  };
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}.not-a-real-signature-${tokenSerial}`;
}
