import { TWITCH_LIMITS } from "../twitch/limits.ts";
import {
  type BroadcasterSettings,
  broadcasterSettingsSchema,
  chatTemplateProblem,
} from "./broadcaster-settings.ts";

// Apart from `broadcaster-settings.ts` so the viewer's pages, which only read the segment, do not load what
// writes it (the config view) or judges what was saved (the EBS).

/** The segment content to store with `configuration.set`: only the schema's fields, as JSON. */
export function serializeBroadcasterSettings(settings: BroadcasterSettings): string {
  const { version, chatEnabled, template } = broadcasterSettingsSchema.parse(settings);
  const content = JSON.stringify({ version, chatEnabled, template });
  if (new TextEncoder().encode(content).length > TWITCH_LIMITS.configurationContentMax) {
    throw new RangeError(`Settings are larger than Twitch's ${TWITCH_LIMITS.configurationContentMax} bytes.`);
  }
  return content;
}

/**
 * Whether the broadcaster saved settings that are valid as they stand (present, the schema's shape, a
 * usable template): the condition for telling Twitch a channel meets the required configuration.
 */
export function savedSettingsAreValid(content: string | undefined): boolean {
  if (content === undefined || content === "") return false;
  try {
    const parsed = broadcasterSettingsSchema.safeParse(JSON.parse(content));
    return parsed.success && chatTemplateProblem(parsed.data.template) === undefined;
  } catch {
    return false;
  }
}
