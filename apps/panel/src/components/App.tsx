import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useTwitchAuth, useTwitchTheme } from "../hooks/use-twitch.ts";
import { ActionPanel } from "./ActionPanel.tsx";
import { WaitingForTwitch } from "./WaitingForTwitch.tsx";

/** The whole panel: waits for Twitch's authorization, then offers the action buttons, in the viewer's theme. */
export function App() {
  const auth = useTwitchAuth();
  const theme = useTwitchTheme();
  const helperLoaded = usePanelDeps().twitch !== undefined;
  return (
    <main className="panel" data-theme={theme}>
      <header className="panel__header">
        <span className="panel__logo" aria-hidden="true">
          ⚡
        </span>
        <h1 className="panel__title">Hype Chat</h1>
      </header>
      {auth ? (
        <ActionPanel token={auth.token} />
      ) : (
        <WaitingForTwitch
          hint={
            helperLoaded
              ? "Connecting this panel to the channel."
              : "Twitch's extension helper did not load. Open this panel on a Twitch channel."
          }
        />
      )}
    </main>
  );
}
