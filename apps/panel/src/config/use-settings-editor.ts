import {
  BROADCASTER_SETTINGS_SEGMENT,
  BROADCASTER_SETTINGS_VERSION,
  type BroadcasterSettings,
  serializeBroadcasterSettings,
  type TemplateCheck,
  validateChatTemplate,
} from "@ext/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { EbsError } from "../api/ebs-error.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";

import type { SettingsNotifier } from "./settings-notifier.ts";

export type { SettingsNotifier };

export interface SettingsEditor {
  /** What the form shows: the unsaved edits, or the saved settings. */
  form: BroadcasterSettings;
  check: TemplateCheck;
  /** The form differs from what is saved in Twitch's Configuration Service. */
  dirty: boolean;
  /** Why the last save failed, if it did. */
  saveError: string | undefined;
  /**
   * After a save, what the EBS said: `in-use` when its next chat message follows the saved settings,
   * `later` when it could not be told or Twitch had not stored them yet (it picks them up within a minute),
   * `refused` when Twitch refused what the save needed (`refusal` is Twitch's answer, worded by the form in the page's language).
   */
  applied: "in-use" | "later" | "refused" | undefined;
  refusal: EbsError | undefined;
  edit(patch: Partial<Omit<BroadcasterSettings, "version">>): void;
  /** Stores the form in the `broadcaster` segment; does nothing while the template is invalid. */
  save(): void;
}

function sameSettings(a: BroadcasterSettings, b: BroadcasterSettings): boolean {
  return a.chatEnabled === b.chatEnabled && a.template === b.template;
}

/**
 * Edits the broadcaster's settings. `loaded` comes from `configuration.onChanged`; a newer one replaces
 * the saved baseline but never the edits in progress.
 */
export function useSettingsEditor(
  store: TwitchStore,
  loaded: BroadcasterSettings,
  ebs?: SettingsNotifier,
): SettingsEditor {
  const [saved, setSaved] = useState(loaded);
  const [draft, setDraft] = useState<BroadcasterSettings | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [applied, setApplied] = useState<SettingsEditor["applied"]>(undefined);
  const [refusal, setRefusal] = useState<EbsError | undefined>(undefined);
  const saves = useRef(0);

  useEffect(() => setSaved(loaded), [loaded]);

  const form = draft ?? saved;
  const check = validateChatTemplate(form.template);
  const dirty = !sameSettings(form, saved);

  const edit = useCallback<SettingsEditor["edit"]>(
    (patch) => {
      setDraft((current) => ({ ...(current ?? saved), ...patch }));
    },
    [saved],
  );

  const save = useCallback(() => {
    if (!validateChatTemplate(form.template).ok) return;
    const settings: BroadcasterSettings = { ...form };
    let content: string;
    try {
      content = serializeBroadcasterSettings(settings);
      store.ext.configuration.set(BROADCASTER_SETTINGS_SEGMENT, BROADCASTER_SETTINGS_VERSION, content);
      setSaved(settings);
      setDraft(undefined);
      setSaveError(undefined);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      return;
    }
    setApplied(undefined);
    setRefusal(undefined);
    const token = store.getSnapshot().auth?.token;
    if (!ebs || !token) return;
    // Only the latest save's answer speaks: an earlier one arriving late must not say "in use".
    const thisSave = ++saves.current;
    const answered = (state: SettingsEditor["applied"], refused?: EbsError) => {
      if (saves.current !== thisSave) return;
      setApplied(state);
      setRefusal(refused);
    };
    ebs.settingsChanged(token, content).then(
      (answer) => answered(answer.inUse ? "in-use" : "later"),
      (error: unknown) =>
        // Twitch refused to record the channel's required configuration: the save must be done again.
        error instanceof EbsError && error.code === "required_configuration_refused"
          ? answered("refused", error)
          : answered("later"),
    );
  }, [form, store, ebs]);

  return { form, check, dirty, saveError, applied, refusal, edit, save };
}
