import { WaitingForTwitch } from "../components/WaitingForTwitch.tsx";
import { useTwitchStoreSnapshot } from "../hooks/use-twitch.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { SettingsForm } from "./SettingsForm.tsx";
import type { SettingsNotifier } from "./use-settings-editor.ts";

/**
 * The broadcaster's config view: waits until Twitch authorized it and delivered the configuration, then
 * shows the settings form, in the broadcaster's theme. After a save it tells the EBS (`ebs`), which then
 * uses the new settings at once.
 */
export function ConfigApp({ store, ebs }: { store: TwitchStore | undefined; ebs?: SettingsNotifier }) {
  const { auth, theme, chatEnabled, settings } = useTwitchStoreSnapshot(store);
  const ready = store !== undefined && auth !== undefined && settings !== undefined;

  return (
    <main className="config" data-theme={theme}>
      <header className="panel__header">
        <span className="panel__logo" aria-hidden="true">
          ⚡
        </span>
        <h1 className="panel__title">Hype Chat settings</h1>
      </header>
      {chatEnabled === false ? (
        <div className="notice" role="note">
          <p className="notice__title">Twitch does not let this extension post in your chat yet.</p>
          <p className="hint">
            Allow it under Creator Dashboard → Extensions → Permissions. Your settings are kept meanwhile.
          </p>
        </div>
      ) : null}
      {ready ? (
        <SettingsForm store={store} loaded={settings} ebs={ebs} />
      ) : (
        <WaitingForTwitch
          hint={
            store
              ? "Loading this channel's settings."
              : "Twitch's extension helper did not load. Open this page from your Creator Dashboard."
          }
        />
      )}
    </main>
  );
}
