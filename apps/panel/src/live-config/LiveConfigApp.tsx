import type { EbsClient } from "../api/ebs-client.ts";
import { WaitingForTwitch } from "../components/WaitingForTwitch.tsx";
import { useDocumentAttributes } from "../hooks/use-document.ts";
import { useTwitchStoreSnapshot } from "../hooks/use-twitch.ts";
import { useT } from "../i18n/i18n-context.tsx";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { LiveDashboardView } from "./LiveDashboardView.tsx";

/**
 * The broadcaster's live config view (Twitch's dashboard, `mode=dashboard`): waits until Twitch authorized
 * it, then shows the channel's hype and chat's health live, in the broadcaster's theme and language.
 */
export function LiveConfigApp({
  store,
  ebs,
}: {
  store: TwitchStore | undefined;
  ebs: Pick<EbsClient, "read">;
}) {
  const { auth, theme } = useTwitchStoreSnapshot(store);
  const t = useT();
  useDocumentAttributes({ title: t("dashboard.title"), theme });
  return (
    <main className="panel dashboard" data-theme={theme}>
      <header className="panel__header">
        <span className="panel__logo" aria-hidden="true">
          ⚡
        </span>
        <h1 className="panel__title">{t("dashboard.title")}</h1>
      </header>
      {store && auth ? (
        <LiveDashboardView store={store} ebs={ebs} />
      ) : (
        <WaitingForTwitch hint={store ? t("waiting.connecting") : t("dashboard.noHelper")} />
      )}
    </main>
  );
}
