import { EBS_PATHS, type LiveDashboard, type LiveState, liveDashboardSchema } from "@ext/shared";
import type { EbsClient } from "../api/ebs-client.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { LiveCount } from "../live/LiveCount.tsx";
import { streamCountLabel } from "../live/live-words.ts";
import { RecentHypers } from "../live/RecentHypers.tsx";
import { useLiveFollow } from "../live/use-live-follow.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { ChatHealth } from "./ChatHealth.tsx";
import { formatTime } from "./format-time.ts";

/** After broadcasts, the dashboard is read again at most this often (chat's health is not broadcast). */
export const DASHBOARD_REREAD_MS = 2_000;

const stateOf = (dashboard: LiveDashboard) => dashboard.state;
/** A broadcast brings the counts at once; chat's health follows with the next read. */
const withBroadcast = (state: LiveState, current: LiveDashboard | undefined) =>
  current ? { ...current, state } : undefined;

/**
 * What the streamer watches while live: the stream's and all-time counts, the latest hypers with their
 * times, whether the stream is live, chat's health and Twitch's last refusal in words
 * (`GET /api/live/dashboard`, broadcaster's token), following every broadcast. When the EBS refuses,
 * its own words say why.
 */
export function LiveDashboardView({ store, ebs }: { store: TwitchStore; ebs: Pick<EbsClient, "read"> }) {
  const { t, locale } = useI18n();
  const { value: dashboard, error } = useLiveFollow({
    twitch: store,
    read: (token) => ebs.read(EBS_PATHS.liveDashboard, token, liveDashboardSchema),
    stateOf,
    fromBroadcast: withBroadcast,
    rereadAfterBroadcastMs: DASHBOARD_REREAD_MS,
  });
  const time = (at: string) => formatTime(at, locale);
  const failure = error ? (
    <div className="status status--failed" role="alert">
      <p className="status__title">{t("dashboard.failed")}</p>
      <p className="hint">{error.message}</p>
    </div>
  ) : null;
  if (!dashboard) return failure ?? <p className="hint">{t("dashboard.loading")}</p>;
  const { state } = dashboard;
  const stream = state.stream;
  return (
    <section className="hype">
      {failure}
      <div className="live__tile dashboard__counts">
        <LiveCount count={state.streamCount} label={streamCountLabel(state)} />
        <LiveCount count={state.allTimeCount} label="dashboard.allTime" />
      </div>
      <p className="hint">
        {stream.live && stream.startedAt
          ? t("dashboard.streamLive", { time: time(stream.startedAt) })
          : stream.startedAt
            ? t("dashboard.streamOffline", { time: time(stream.startedAt) })
            : t("dashboard.noStream")}
      </p>
      <ChatHealth chat={dashboard.chat} refusal={dashboard.lastRefusal} time={time} />
      <div className="live__tile">
        <RecentHypers recent={state.recent} time={time} />
      </div>
    </section>
  );
}
