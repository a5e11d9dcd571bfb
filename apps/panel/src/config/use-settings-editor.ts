import {
  BROADCASTER_SETTINGS_SEGMENT,
  BROADCASTER_SETTINGS_VERSION,
  type BroadcasterSettings,
  serializeBroadcasterSettings,
  type TemplateCheck,
  validateChatTemplate,
} from "@ext/shared";
import { useCallback, useEffect, useState } from "react";
import type { EbsClient } from "../api/ebs-client.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";

/** The part of the EBS client the config view uses: telling the EBS the settings changed. */
export type SettingsNotifier = Pick<EbsClient, "settingsChanged">;

export interface SettingsEditor {
  /** What the form shows: the unsaved edits, or the saved settings. */
  form: BroadcasterSettings;
  check: TemplateCheck;
  /** The form differs from what is saved in Twitch's Configuration Service. */
  dirty: boolean;
  /** Why the last save failed, if it did. */
  saveError: string | undefined;
  /** Set when the settings were saved but the EBS could not be told: it then picks them up within a minute. */
  notifyNote: string | undefined;
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
  const [notifyNote, setNotifyNote] = useState<string | undefined>(undefined);

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
      return;
    }
    const token = store.getSnapshot().auth?.token;
    if (!ebs || !token) return;
    setNotifyNote(undefined);
    ebs.settingsChanged(token).catch(() => {
      setNotifyNote("Saved. The extension will use these settings within a minute.");
    });
  }, [form, store, ebs]);

  return { form, check, dirty, saveError, notifyNote, edit, save };
}
