import * as z from "zod/mini";
import { TWITCH_LIMITS } from "../twitch/limits.ts";

/**
 * The body of `POST /api/settings/changed` (`EBS_PATHS.settingsChanged`): the config view tells the EBS
 * the broadcaster saved new settings, so the EBS reads them again at once (instead of when its cache
 * expires) and, where the extension declares a required configuration, records that the channel meets it.
 * Bearer: the broadcaster's token. The body holds the segment content the config view just passed to
 * `configuration.set`: Twitch stores it a moment later, so the EBS reads until Twitch has it (briefly)
 * rather than trusting the body.
 */
export const settingsChangedRequestSchema = z.object({
  content: z.optional(z.string().check(z.maxLength(TWITCH_LIMITS.configurationContentMax))),
});
export type SettingsChangedRequest = z.infer<typeof settingsChangedRequestSchema>;

export const settingsChangedResponseSchema = z.object({
  status: z.literal("ok"),
  chatEnabled: z.boolean(),
  template: z.string(),
  /** True when the EBS told Twitch the channel now meets the required configuration. */
  requiredConfigurationSet: z.boolean(),
  /**
   * True when the settings the EBS now uses are the ones in the request's `content` (Twitch had stored
   * them); false when Twitch did not show them in time: the EBS then picks them up when its cache expires.
   */
  inUse: z.boolean(),
});
export type SettingsChangedResponse = z.infer<typeof settingsChangedResponseSchema>;
