import { LIVE_PUBSUB_TARGET, type LiveState, livePubSubMessageSchema } from "@ext/shared";
import { useEffect, useRef, useState } from "react";
import { EbsError } from "../api/ebs-error.ts";
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
  /** The value a broadcast state makes of the current one (`undefined`: nothing to show from it alone). */
  fromBroadcast: (state: LiveState, current: T | undefined) => T | undefined;
  /** Read again after broadcasts too, at most once per this many ms (what the broadcast does not carry). */
  rereadAfterBroadcastMs?: number;
}

export interface LiveFollow<T> {
  value: T | undefined;
  /** Why the last read failed; cleared by the next that succeeds. */
  error: EbsError | undefined;
}

/** A PubSub message's live state, or `undefined` for anything that is not a valid live message. */
function parseBroadcast(message: string): LiveState | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = livePubSubMessageSchema.safeParse(json);
  return parsed.success ? parsed.data.state : undefined;
}

/**
 * Follows the channel's live hype: reads it from the EBS once Twitch authorized the page (PubSub does not
 * replay, so a page opened mid-stream starts from the EBS), then takes every valid `broadcast` message of
 * this channel, and reads again when it may have missed some: the tab shown again (`visibilitychange`),
 * the network back (`online`), the helper's `onVisibilityChanged(true)`, and a new token after a failed
 * read. A late broadcast or a slow read never moves it backwards: the highest `version` is kept.
 */
export function useLiveFollow<T>(options: LiveFollowOptions<T>): LiveFollow<T> {
  const { twitch } = options;
  const token = useTwitchStoreSnapshot(twitch).auth?.token;
  const [follow, setFollow] = useState<LiveFollow<T>>({ value: undefined, error: undefined });
  const latest = useRef(options);
  latest.current = options;
  const current = useRef<T | undefined>(undefined);
  const readNow = useRef<() => void>(() => {});

  useEffect(() => {
    if (!twitch) return;
    let alive = true;
    let reading = false;
    let again = false;
    const offer = (value: T) => {
      if (!alive) return;
      const held = current.current;
      const { stateOf } = latest.current;
      if (held !== undefined && stateOf(value).version < stateOf(held).version) return;
      current.current = value;
      setFollow({ value, error: undefined });
    };
    const read = async () => {
      const auth = twitch.getSnapshot().auth;
      if (!auth || !alive) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        offer(await latest.current.read(auth.token));
      } catch (error) {
        if (alive) {
          const failure =
            error instanceof EbsError
              ? error
              : new EbsError({ code: "unexpected_response", message: String(error), cause: error });
          setFollow((held) => ({ ...held, error: failure }));
        }
      } finally {
        reading = false;
        if (again && alive) {
          again = false;
          void read();
        }
      }
    };
    readNow.current = () => void read();
    const rereadMs = latest.current.rereadAfterBroadcastMs;
    const reread = rereadMs === undefined ? undefined : createThrottle(() => void read(), rereadMs);

    const onBroadcast: PubSubListener = (_target, _contentType, message) => {
      const state = parseBroadcast(message);
      const channelId = twitch.getSnapshot().auth?.channelId;
      if (!alive || !state || (channelId !== undefined && state.channelId !== channelId)) return;
      const value = latest.current.fromBroadcast(state, current.current);
      if (value !== undefined) offer(value);
      reread?.call();
    };
    const onPageShown = () => {
      if (document.visibilityState === "visible") void read();
    };
    const onOnline = () => void read();
    twitch.ext.listen(LIVE_PUBSUB_TARGET, onBroadcast);
    document.addEventListener("visibilitychange", onPageShown);
    window.addEventListener("online", onOnline);
    const stopShown = twitch.onShown(onOnline);
    return () => {
      alive = false;
      readNow.current = () => {};
      reread?.cancel();
      twitch.ext.unlisten(LIVE_PUBSUB_TARGET, onBroadcast);
      document.removeEventListener("visibilitychange", onPageShown);
      window.removeEventListener("online", onOnline);
      stopShown();
    };
  }, [twitch]);

  // The first token reads the state; a later one (Twitch refreshed it) only when the last read failed.
  const needsRead = useRef(true);
  needsRead.current = follow.value === undefined || follow.error !== undefined;
  useEffect(() => {
    if (token && needsRead.current) readNow.current();
  }, [token]);

  return follow;
}
