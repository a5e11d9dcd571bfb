import {
  BROADCASTER_SETTINGS_SEGMENT,
  BROADCASTER_SETTINGS_VERSION,
  type BroadcasterSettings,
  serializeBroadcasterSettings,
  type TemplateCheck,
  validateChatTemplate,
} from "@ext/shared";
import { useCallback, useEffect, useState } from "react";
import type { TwitchStore } from "../twitch/twitch-store.ts";

export interface SettingsEditor {
  /** What the form shows: the unsaved edits, or the saved settings. */
  form: BroadcasterSettings;
  check: TemplateCheck;
  /** The form differs from what is saved in Twitch's Configuration Service. */
  dirty: boolean;
  /** Why the last save failed, if it did. */
  saveError: string | undefined;
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
export function useSettingsEditor(store: TwitchStore, loaded: BroadcasterSettings): SettingsEditor {
  const [saved, setSaved] = useState(loaded);
  const [draft, setDraft] = useState<BroadcasterSettings | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);

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
    try {
      const settings: BroadcasterSettings = { ...form };
      store.ext.configuration.set(
        BROADCASTER_SETTINGS_SEGMENT,
        BROADCASTER_SETTINGS_VERSION,
        serializeBroadcasterSettings(settings),
      );
      setSaved(settings);
      setDraft(undefined);
      setSaveError(undefined);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  }, [form, store]);

  return { form, check, dirty, saveError, edit, save };
}
