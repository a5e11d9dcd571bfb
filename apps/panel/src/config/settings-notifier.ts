import {
  EBS_PATHS,
  type SettingsChangedRequest,
  type SettingsChangedResponse,
  settingsChangedResponseSchema,
} from "@ext/shared";
import type { EbsClient } from "../api/ebs-client.ts";

/** How the config view tells the EBS about a save (only this page bundles the call's schema). */
export interface SettingsNotifier {
  /**
   * Tells the EBS the broadcaster saved new settings (`content`, as passed to `configuration.set`), so it
   * uses them at once; the answer says whether they are in use yet (broadcaster's token). Throws `EbsError`.
   */
  settingsChanged(token: string, content: string): Promise<SettingsChangedResponse>;
}

/** `POST /api/settings/changed` through `ebs`. */
export function createSettingsNotifier(ebs: Pick<EbsClient, "send">): SettingsNotifier {
  return {
    settingsChanged: (token, content) =>
      ebs.send(
        EBS_PATHS.settingsChanged,
        token,
        { content } satisfies SettingsChangedRequest,
        settingsChangedResponseSchema,
      ),
  };
}
