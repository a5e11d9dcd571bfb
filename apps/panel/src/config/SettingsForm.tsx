import { type BroadcasterSettings, CHAT_PLACEHOLDERS, DEFAULT_CHAT_TEMPLATE, TWITCH } from "@ext/shared";
import { useId } from "react";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { TemplatePreview } from "./TemplatePreview.tsx";
import { type SettingsNotifier, useSettingsEditor } from "./use-settings-editor.ts";

/** The broadcaster's form: chat on/off, the message template, its preview, and saving. */
export function SettingsForm({
  store,
  loaded,
  ebs,
}: {
  store: TwitchStore;
  loaded: BroadcasterSettings;
  ebs?: SettingsNotifier | undefined;
}) {
  const { form, check, dirty, saveError, applied, refusal, edit, save } = useSettingsEditor(
    store,
    loaded,
    ebs,
  );
  const templateId = useId();
  const helpId = useId();

  return (
    <form
      className="settings"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className="settings__switch">
        <input
          type="checkbox"
          checked={form.chatEnabled}
          onChange={(event) => edit({ chatEnabled: event.target.checked })}
        />
        Post hype messages in chat
      </label>

      <div className="settings__field">
        <label htmlFor={templateId} className="settings__label">
          Message
        </label>
        <textarea
          id={templateId}
          className="settings__template"
          value={form.template}
          rows={3}
          aria-describedby={helpId}
          aria-invalid={!check.ok}
          onChange={(event) => edit({ template: event.target.value })}
        />
        <p id={helpId} className="hint">
          {CHAT_PLACEHOLDERS.join(", ")} becomes the viewer's name. At most {TWITCH.chatTextMax} characters
          with the longest name.{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => edit({ template: DEFAULT_CHAT_TEMPLATE })}
          >
            Use the default
          </button>
        </p>
      </div>

      {check.ok ? (
        <section className="settings__preview">
          <h2 className="settings__label">Preview</h2>
          {form.chatEnabled ? null : <p className="hint">Chat messages are off: nothing will be posted.</p>}
          <TemplatePreview template={form.template} />
        </section>
      ) : (
        <p className="status status--failed" role="alert">
          {check.reason}
        </p>
      )}

      <div className="settings__actions">
        <button
          type="submit"
          className="save-button"
          disabled={!(dirty || applied === "refused") || !check.ok}
        >
          {applied === "refused" && !dirty ? "Save again" : "Save"}
        </button>
        <span className="settings__state" role="status">
          {dirty ? "Unsaved changes" : "Saved"}
        </span>
      </div>
      {saveError ? (
        <p className="status status--failed" role="alert">
          Twitch did not take the settings: {saveError}
        </p>
      ) : null}
      {refusal && !dirty ? (
        <div className="status status--failed" role="alert">
          <p>{refusal.title}</p>
          <p className="hint">{refusal.hint}</p>
        </div>
      ) : applied && !dirty ? (
        <p className="hint">
          {applied === "in-use"
            ? "In use: the next chat message follows these settings."
            : "Saved. The extension will use these settings within a minute."}
        </p>
      ) : null}
    </form>
  );
}
