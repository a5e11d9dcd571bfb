import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useDocumentAttributes } from "../hooks/use-document.ts";
import { useTwitchAuth, useTwitchTheme } from "../hooks/use-twitch.ts";
import { useT } from "../i18n/i18n-context.tsx";
import { ActionPanel } from "./ActionPanel.tsx";
import { WaitingForTwitch } from "./WaitingForTwitch.tsx";

/**
 * Which page the viewer opened: `panel` (index.html, under the stream, 318 px wide) or `mobile`
 * (mobile.html, Twitch's mobile app: a phone's full width, touch).
 */
export type View = "panel" | "mobile";

/**
 * The viewer's page: waits for Twitch's authorization, then offers the action buttons, in the viewer's
 * theme and language.
 */
export function App({ view = "panel" }: { view?: View }) {
  const auth = useTwitchAuth();
  const theme = useTwitchTheme();
  const t = useT();
  const helperLoaded = usePanelDeps().twitch !== undefined;
  useDocumentAttributes({ title: t("panel.documentTitle"), theme });
  return (
    <main className={view === "mobile" ? "panel panel--mobile" : "panel"} data-theme={theme}>
      <header className="panel__header">
        <span className="panel__logo" aria-hidden="true">
          ⚡
        </span>
        <h1 className="panel__title">{t("app.name")}</h1>
      </header>
      {auth ? (
        <ActionPanel token={auth.token} view={view} />
      ) : (
        <WaitingForTwitch hint={helperLoaded ? t("waiting.connecting") : t("waiting.noHelper")} />
      )}
    </main>
  );
}
