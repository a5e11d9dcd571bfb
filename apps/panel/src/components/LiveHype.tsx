import { EBS_PATHS, type LiveState, liveStateSchema } from "@ext/shared";
import { useRef } from "react";
import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useThrottled } from "../hooks/use-throttled.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { LiveCount } from "../live/LiveCount.tsx";
import { streamCountLabel } from "../live/live-words.ts";
import { RecentHypers } from "../live/RecentHypers.tsx";
import { useLiveFollow } from "../live/use-live-follow.ts";

/** A screen reader hears the count at most this often, however fast the hype comes in. */
export const LIVE_ANNOUNCE_EVERY_MS = 10_000;

const same = (state: LiveState) => state;

/**
 * The channel's hype, the same in every viewer's panel: the stream's count and the last few hypers, live
 * (`GET /api/live`, then Extension PubSub). Nothing is shown until the first state arrives. A growing count
 * is announced politely, throttled.
 */
export function LiveHype() {
  const { ebs, twitch } = usePanelDeps();
  const { t, locale } = useI18n();
  const { value: state } = useLiveFollow({
    twitch,
    read: (token) => ebs.read(EBS_PATHS.live, token, liveStateSchema),
    stateOf: same,
    fromBroadcast: same,
  });
  // Announced once it changes, not when the panel opens (the first count is set once, idempotently).
  const first = useRef<number | undefined>(undefined);
  if (state && first.current === undefined) first.current = state.streamCount;
  const spoken =
    state && state.streamCount !== first.current
      ? `${state.streamCount.toLocaleString(locale)} ${t(streamCountLabel(state), { count: state.streamCount })}`
      : "";
  const announced = useThrottled(spoken, LIVE_ANNOUNCE_EVERY_MS);
  return (
    <>
      {state ? (
        <div className="live__tile">
          <LiveCount count={state.streamCount} label={streamCountLabel(state)} />
          <RecentHypers recent={state.recent} />
        </div>
      ) : null}
      {/* Polite like the click's LiveRegion, but no second `status`: that role stays the click's outcome. */}
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}
