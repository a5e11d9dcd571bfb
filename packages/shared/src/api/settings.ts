import * as z from "zod/mini";

/**
 * `POST /api/settings/changed`: the config view tells the EBS the broadcaster saved new settings, so the
 * EBS reads them again at once (instead of when its cache expires) and, where the extension declares a
 * required configuration, records that the channel meets it. Bearer: the broadcaster's token.
 */
export const SETTINGS_CHANGED_PATH = "/api/settings/changed";

export const settingsChangedResponseSchema = z.object({
  status: z.literal("ok"),
  chatEnabled: z.boolean(),
  template: z.string(),
  /** True when the EBS told Twitch the channel now meets the required configuration. */
  requiredConfigurationSet: z.boolean(),
});
export type SettingsChangedResponse = z.infer<typeof settingsChangedResponseSchema>;
