import { LIVE_PUBSUB_TARGET, type LiveState, livePubSubMessageSchema } from "@ext/shared";
import { useEffect, useRef, useState } from "react";
import type { EbsError } from "../api/ebs-error.ts";
import { useTwitchStoreSnapshot } from "../hooks/use-twitch.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import type { PubSubListener } from "../twitch/types.ts";
import { createThrottle } from "./throttle.ts";

export interface LiveFollowOptions<T> {
  twitch: TwitchStore | undefined;
  /** Reads the whole value from the EBS with the newest token (`GET /api/live`, `/api/live/dashboard`). */
  read: (token: string) => Promise<T>;
  /** The live state a value holds: the one with the highest `version` wins. */
  stateOf: (value: T) => LiveState;
  /**
   * The value a broadcast state makes of the current one (`undefined`: nothing to show from it alone); also
   * how a newer state is kept when a read answers with an older one.
   */
  fromBroadcast: (state: LiveState, current: T | undefined) => T | undefined;
  /** Read again after broadcasts too, at most once per this many ms (what the broadcast does not carry). */
  rereadAfterBroadcastMs?: number;
}

export interface LiveFollow<T> {
  value: T | undefined;
  /** Why the last read failed (the EBS client throws `EbsError`); cleared by the next that succeeds. */
  error: EbsError | undefined;
}

/** A PubSub message's live state, or `undefined` for anything that is not a valid live message. */
function parseBroadcast(message: string): LiveState | undefined {
  try {
    const parsed = livePubSubMessageSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data.state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows the channel's live hype: reads it from the EBS once Twitch authorized the page (PubSub does not
 * replay, so a page opened mid-stream starts from the EBS), then takes every valid `broadcast` message of
 * this channel, and reads again when it may have missed some: the tab shown again (`visibilitychange`),
 * the network back (`online`), the helper's `onVisibilityChanged(true)`, and each new token Twitch hands
 * over (about hourly, and after a token that expired). A late broadcast or a slow read never moves it
 * backwards: the highest `version` is kept. Stops listening when the page unmounts.
 */
export function useLiveFollow<T>(options: LiveFollowOptions<T>): LiveFollow<T> {
  const { twitch } = options;
  const auth = useTwitchStoreSnapshot(twitch).auth;
  const [follow, setFollow] = useState<LiveFollow<T>>({ value: undefined, error: undefined });
  const latest = useRef(options);
  latest.current = options;
  const held = useRef<T | undefined>(undefined);

  useEffect(() => {
    if (!twitch || !auth) return;
    let alive = true;
    const offer = (incoming: T) => {
      const { stateOf, fromBroadcast } = latest.current;
      const newer = held.current && stateOf(held.current);
      // An older state (a read slower than a broadcast) keeps the newer one, and takes the rest (chat's health).
      const value =
        newer && stateOf(incoming).version < newer.version ? fromBroadcast(newer, incoming) : incoming;
      if (!alive || value === undefined) return;
      held.current = value;
      setFollow({ value, error: undefined });
    };
    // Reads may overlap (a wake-up during a read): the highest version wins whatever order they answer in.
    const read = async () => {
      try {
        offer(await latest.current.read(auth.token));
      } catch (error) {
        if (alive) setFollow((current) => ({ ...current, error: error as EbsError }));
      }
    };
    const ms = latest.current.rereadAfterBroadcastMs;
    const reread = ms === undefined ? undefined : createThrottle(read, ms);
    const onBroadcast: PubSubListener = (_target, _contentType, message) => {
      const state = parseBroadcast(message);
      if (!state || state.channelId !== auth.channelId) return;
      const value = latest.current.fromBroadcast(state, held.current);
      if (value !== undefined) offer(value);
      reread?.call();
    };
    const onShown = () => {
      if (document.visibilityState === "visible") void read();
    };
    twitch.ext.listen(LIVE_PUBSUB_TARGET, onBroadcast);
    document.addEventListener("visibilitychange", onShown);
    window.addEventListener("online", onShown);
    const stopShown = twitch.onShown(onShown);
    void read();
    return () => {
      alive = false;
      reread?.cancel();
      twitch.ext.unlisten(LIVE_PUBSUB_TARGET, onBroadcast);
      document.removeEventListener("visibilitychange", onShown);
      window.removeEventListener("online", onShown);
      stopShown();
    };
  }, [twitch, auth]);

  return follow;
}
