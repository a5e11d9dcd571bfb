import {
  type BroadcasterSettings,
  CHAT_PLACEHOLDERS,
  DEFAULT_CHAT_TEMPLATE,
  TWITCH_LIMITS,
} from "@ext/shared";
import { useId } from "react";
import { describeError } from "../api/error-words.ts";
import { useT } from "../i18n/i18n-context.tsx";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { TemplatePreview } from "./TemplatePreview.tsx";
import { templateProblemWords } from "./template-problem.ts";
import { type SettingsNotifier, useSettingsEditor } from "./use-settings-editor.ts";

/**
 * The broadcaster's form: chat on/off, the message template, its preview, and saving. The words are in the
 * broadcaster's language; the template and its preview are chat's text, exactly as written.
 */
export function SettingsForm({
  store,
  loaded,
  ebs,
}: {
  store: TwitchStore;
  loaded: BroadcasterSettings;
  ebs?: SettingsNotifier | undefined;
}) {
  const t = useT();
  const { form, check, dirty, saveError, applied, refusal, edit, save } = useSettingsEditor(
    store,
    loaded,
    ebs,
  );
  const templateId = useId();
  const helpId = useId();
  const problemId = useId();
  const refusalWords = refusal && !dirty ? describeError(refusal, t) : undefined;

  return (
    <form
      className="settings"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="settings__edit">
        <label className="settings__switch">
          <input
            type="checkbox"
            checked={form.chatEnabled}
            onChange={(event) => edit({ chatEnabled: event.target.checked })}
          />
          {t("config.chatEnabled")}
        </label>

        <div className="settings__field">
          <label htmlFor={templateId} className="settings__label">
            {t("config.message")}
          </label>
          <textarea
            id={templateId}
            className="settings__template"
            value={form.template}
            rows={3}
            aria-describedby={check.ok ? helpId : `${problemId} ${helpId}`}
            aria-invalid={!check.ok}
            onChange={(event) => edit({ template: event.target.value })}
          />
          {check.ok ? null : (
            <p id={problemId} className="status status--failed" role="alert">
              {templateProblemWords(check, t)}
            </p>
          )}
          <p id={helpId} className="hint">
            {t("config.messageHelp", {
              placeholders: CHAT_PLACEHOLDERS.join(", "),
              max: TWITCH_LIMITS.chatTextMax,
            })}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => edit({ template: DEFAULT_CHAT_TEMPLATE })}
            >
              {t("config.useDefault")}
            </button>
          </p>
        </div>

        <div className="settings__actions">
          <button
            type="submit"
            className="save-button"
            disabled={!(dirty || applied === "refused") || !check.ok}
          >
            {applied === "refused" && !dirty ? t("config.saveAgain") : t("config.save")}
          </button>
          <p className="settings__state" role="status">
            <span>{dirty ? t("config.unsaved") : t("config.saved")}</span>
            {applied && applied !== "refused" && !dirty ? (
              <span className="settings__applied">
                {applied === "in-use" ? t("config.inUse") : t("config.later")}
              </span>
            ) : null}
          </p>
        </div>
        {saveError ? (
          <p className="status status--failed" role="alert">
            {t("config.saveFailed", { error: saveError })}
          </p>
        ) : null}
        {refusalWords ? (
          <div className="status status--failed" role="alert">
            <p>{refusalWords.title}</p>
            <p className="hint">{refusalWords.hint}</p>
          </div>
        ) : null}
      </div>

      {check.ok ? (
        <section className="settings__preview" aria-labelledby={`${templateId}-preview`}>
          <h2 id={`${templateId}-preview`} className="settings__label">
            {t("config.preview")}
          </h2>
          {form.chatEnabled ? null : <p className="hint">{t("config.previewChatOff")}</p>}
          <TemplatePreview template={form.template} />
        </section>
      ) : null}
    </form>
  );
}
