import { z } from "zod";
import { TwitchRuleError } from "../errors.ts";
import { TWITCH } from "../twitch/constants.ts";
import { assertTwitchId } from "../twitch/ids.ts";

/** The JSON body of Send Extension Chat Message: every field a string. */
export const chatBodySchema = z.object({
  text: z.string(),
  extension_id: z.string(),
  extension_version: z.string(),
  broadcaster_id: z.string().optional(),
});
export type ChatBody = z.infer<typeof chatBodySchema>;

/** An HTTP request ready to send; any client (axios, fetch) can send it as it is. */
export interface HelixRequest {
  method: "POST" | "GET" | "PUT";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

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
 * Builds Send Extension Chat Message as the reference documents it: `broadcaster_id` in the query,
 * a JSON body of strings, the signed external JWT and the Client-Id.
 */
export function buildChatRequest(input: {
  apiBase: string;
  clientId: string;
  version: string;
  broadcasterId: string;
  text: string;
  /** An external JWT signed for this broadcaster (never the viewer's token). */
  externalJwt: string;
}): HelixRequest {
  const broadcasterId = assertTwitchId(input.broadcasterId, "broadcasterId");
  const url = new URL(TWITCH.chatPath, input.apiBase);
  url.searchParams.set("broadcaster_id", broadcasterId);
  const body: ChatBody = {
    text: input.text,
    extension_id: input.clientId,
    extension_version: assertExtensionVersion(input.version),
  };
  return {
    method: "POST",
    url: url.toString(),
    headers: {
      Authorization: `Bearer ${input.externalJwt}`,
      "Client-Id": input.clientId,
      "Content-Type": "application/json",
    },
    body,
  };
}
