import { WaitingForTwitch } from "../components/WaitingForTwitch.tsx";
import { useDocumentAttributes } from "../hooks/use-document.ts";
import { useTwitchStoreSnapshot } from "../hooks/use-twitch.ts";
import { useT } from "../i18n/i18n-context.tsx";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { SettingsForm } from "./SettingsForm.tsx";
import type { SettingsNotifier } from "./use-settings-editor.ts";

/**
 * The broadcaster's config view: waits until Twitch authorized it and delivered the configuration, then
 * shows the settings form, in the broadcaster's theme and language, as wide as Twitch's settings page
 * makes it. After a save it tells the EBS (`ebs`), which then uses the new settings at once.
 */
export function ConfigApp({ store, ebs }: { store: TwitchStore | undefined; ebs?: SettingsNotifier }) {
  const { auth, theme, chatEnabled, settings } = useTwitchStoreSnapshot(store);
  const t = useT();
  const ready = store !== undefined && auth !== undefined && settings !== undefined;
  useDocumentAttributes({ title: t("config.title"), theme });

  return (
    <main className="config" data-theme={theme}>
      <header className="panel__header">
        <span className="panel__logo" aria-hidden="true">
          ⚡
        </span>
        <h1 className="panel__title">{t("config.title")}</h1>
      </header>
      {chatEnabled === false ? (
        <div className="notice" role="note">
          <p className="notice__title">{t("config.chatWithheld.title")}</p>
          <p className="hint">{t("config.chatWithheld.hint")}</p>
        </div>
      ) : null}
      {ready ? (
        <SettingsForm store={store} loaded={settings} ebs={ebs} />
      ) : (
        <WaitingForTwitch hint={store ? t("config.loading") : t("config.noHelper")} />
      )}
    </main>
  );
}
