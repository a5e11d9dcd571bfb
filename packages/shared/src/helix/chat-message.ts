import { z } from "zod";
import { TWITCH } from "../twitch/constants.ts";
import { assertTwitchId } from "../twitch/ids.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import type { HelixCall } from "./helix-call.ts";

/** The JSON body of Send Extension Chat Message: every field a string. */
export const chatBodySchema = z.object({
  text: z.string(),
  extension_id: z.string(),
  extension_version: z.string(),
  broadcaster_id: z.string().optional(),
});
export type ChatBody = z.infer<typeof chatBodySchema>;

const VERSION = /^\d+\.\d+\.\d+$/;

/** Refuses a version string Twitch would not know ("1.0" or "v1.0.0" instead of "1.0.0"). */
export function assertExtensionVersion(version: unknown): string {
  if (typeof version !== "string" || !VERSION.test(version)) {
    throw new TwitchRuleError(
      "version_invalid",
      `The extension version must be the version string from the console, like "0.0.1", got ${JSON.stringify(version)}.`,
    );
  }
  return version;
}

/**
 * Send Extension Chat Message as the reference documents it: `broadcaster_id` in the query, a JSON body of
 * strings, an external JWT whose `channel_id` is the broadcaster. 204 when posted.
 */
export function sendExtensionChatMessage(input: {
  clientId: string;
  version: string;
  broadcasterId: string;
  text: string;
}): HelixCall<unknown> {
  const broadcasterId = assertTwitchId(input.broadcasterId, "broadcasterId");
  const body: ChatBody = {
    text: input.text,
    extension_id: input.clientId,
    extension_version: assertExtensionVersion(input.version),
  };
  return {
    endpoint: "Send Extension Chat Message",
    method: "POST",
    host: "api",
    path: TWITCH.chatPath,
    query: { broadcaster_id: broadcasterId },
    body: { json: body },
    auth: { kind: "external", channelId: broadcasterId },
    response: z.unknown(),
  };
}
