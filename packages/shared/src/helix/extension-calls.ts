import { z } from "zod";
import { TWITCH } from "../twitch/constants.ts";
import { assertTwitchId } from "../twitch/ids.ts";
import { assertExtensionVersion } from "./chat-message.ts";
import type { HelixCall } from "./helix-call.ts";

const segmentsSchema = z.object({
  data: z.array(z.object({ segment: z.string(), content: z.string().optional() })),
});

/** Get Extension Configuration Segment: one channel's segment as Twitch stores it (`content` a string). */
export function getConfigurationSegment(input: {
  clientId: string;
  broadcasterId: string;
  segment: "broadcaster" | "developer";
}): HelixCall<z.infer<typeof segmentsSchema>> {
  const broadcasterId = assertTwitchId(input.broadcasterId, "broadcasterId");
  return {
    endpoint: "Get Extension Configuration Segment",
    method: "GET",
    host: "api",
    path: TWITCH.configurationsPath,
    query: { extension_id: input.clientId, segment: input.segment, broadcaster_id: broadcasterId },
    auth: { kind: "external", channelId: broadcasterId },
    response: segmentsSchema,
  };
}

/** Set Extension Required Configuration: the channel meets the string the version declares. 204. */
export function setRequiredConfiguration(input: {
  clientId: string;
  version: string;
  broadcasterId: string;
  value: string;
}): HelixCall<unknown> {
  const broadcasterId = assertTwitchId(input.broadcasterId, "broadcasterId");
  return {
    endpoint: "Set Extension Required Configuration",
    method: "PUT",
    host: "api",
    path: TWITCH.requiredConfigurationPath,
    query: { broadcaster_id: broadcasterId },
    body: {
      json: {
        extension_id: input.clientId,
        extension_version: assertExtensionVersion(input.version),
        required_configuration: input.value,
      },
    },
    auth: { kind: "external", channelId: broadcasterId },
    response: z.unknown(),
  };
}

const secretsSchema = z.object({
  data: z
    .array(
      z.object({
        secrets: z
          .array(z.object({ content: z.string(), active_at: z.string(), expires_at: z.string() }))
          .min(1),
      }),
    )
    .min(1),
});

/** Get Extension Secrets: the extension's current secrets with their windows (external JWT, no channel). */
export function getExtensionSecrets(input: { clientId: string }): HelixCall<z.infer<typeof secretsSchema>> {
  return {
    endpoint: "Get Extension Secrets",
    method: "GET",
    host: "api",
    path: TWITCH.secretsPath,
    query: { extension_id: input.clientId },
    auth: { kind: "external" },
    response: secretsSchema,
  };
}

/** Ids Get Users takes in one call. */
export const GET_USERS_MAX_IDS = 100;

const usersSchema = z.object({
  data: z.array(z.object({ id: z.string(), display_name: z.string() })),
});

/** Get Users by id (at most {@link GET_USERS_MAX_IDS}), with an app access token. */
export function getUsers(input: { ids: readonly string[] }): HelixCall<z.infer<typeof usersSchema>> {
  if (input.ids.length === 0 || input.ids.length > GET_USERS_MAX_IDS) {
    throw new RangeError(`Get Users takes 1 to ${GET_USERS_MAX_IDS} ids, got ${input.ids.length}.`);
  }
  return {
    endpoint: "Get Users",
    method: "GET",
    host: "api",
    path: TWITCH.usersPath,
    query: { id: input.ids.map((id) => assertTwitchId(id, "user id")) },
    auth: { kind: "app" },
    response: usersSchema,
  };
}

const appTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

/**
 * An app access token by OAuth client credentials, with the OAuth **Client Secret** (not the extension
 * secret). No refresh token: ask again before `expires_in` runs out, or after a 401.
 */
export function requestAppAccessToken(input: {
  clientId: string;
  clientSecret: string;
}): HelixCall<z.infer<typeof appTokenSchema>> {
  return {
    endpoint: "OAuth client credentials",
    method: "POST",
    host: "auth",
    path: TWITCH.oauthTokenPath,
    body: {
      form: {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        grant_type: "client_credentials",
      },
    },
    auth: { kind: "none" },
    response: appTokenSchema,
  };
}
