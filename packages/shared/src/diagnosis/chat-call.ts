import { chatTextLength } from "../chat/text.ts";
import type { Clock } from "../clock.ts";
import { TWITCH } from "../twitch/constants.ts";
import type { ChannelExtensionState, ExtensionCapabilities } from "./channel-state.ts";
import type { Refusal } from "./codes.ts";
import { diagnoseExternalJwt, type ExtensionIdentity, refuse } from "./external-jwt.ts";
import { isRefusal, jsonBodyFields } from "./json-body.ts";

/** An incoming Send Extension Chat Message call, as any HTTP server sees it. */
export interface ChatCall {
  authorization: string | undefined;
  clientIdHeader: string | undefined;
  /** `broadcaster_id` from the query string, if any. */
  queryBroadcasterId: unknown;
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: unknown;
}

export interface ChatCallAccepted {
  ok: true;
  broadcasterId: string;
  text: string;
  /** Where broadcaster_id came from; the reference documents the query string. */
  broadcasterIdFrom: "query" | "body";
}

const FIELDS = ["text", "extension_id", "extension_version"] as const;

/**
 * Judges a Send Extension Chat Message call exactly as TWITCH.md says Twitch does, in Twitch's order, and
 * returns either the accepted message or the refusal with Twitch's status and message and the rig's
 * one-sentence diagnosis. Rate limiting is the caller's (it needs state over time).
 */
export function diagnoseChatCall(input: {
  call: ChatCall;
  extension: ExtensionIdentity & ExtensionCapabilities;
  channel: (broadcasterId: string) => ChannelExtensionState | undefined;
  clock: Clock;
}): ChatCallAccepted | Refusal {
  const { call, extension } = input;
  const auth = diagnoseExternalJwt({
    authorization: call.authorization,
    clientIdHeader: call.clientIdHeader,
    extension,
    clock: input.clock,
  });
  if (!auth.ok) return auth;

  const fields = jsonBodyFields(call.body, '"text", "extension_id" and "extension_version"');
  if (isRefusal(fields)) return fields;
  for (const field of FIELDS) {
    const value = fields[field];
    if (value === undefined || value === "") {
      return refuse(
        400,
        "body_field_missing",
        `Missing required parameter "${field}"`,
        `The body has no "${field}": send it as a string.`,
      );
    }
    if (typeof value !== "string") {
      return refuse(
        400,
        "body_field_not_string",
        `Invalid parameter "${field}"`,
        `"${field}" is a ${typeof value}: every field of this body is a string ("${String(value)}").`,
      );
    }
  }
  const {
    text,
    extension_id: extensionId,
    extension_version: version,
  } = fields as Record<(typeof FIELDS)[number], string>;
  if (extensionId !== extension.clientId) {
    return refuse(
      400,
      "extension_id_mismatch",
      'Invalid parameter "extension_id"',
      `extension_id "${extensionId}" is not this extension's client id "${extension.clientId}".`,
    );
  }

  const fromQuery = call.queryBroadcasterId;
  const fromBody = fields.broadcaster_id;
  if (fromBody !== undefined && typeof fromBody !== "string") {
    return refuse(
      400,
      "broadcaster_id_not_string",
      'Invalid parameter "broadcaster_id"',
      `broadcaster_id in the body is a ${typeof fromBody}: send it as a string ("${String(fromBody)}"); the reference documents it in the query string.`,
    );
  }
  if (fromQuery !== undefined && typeof fromQuery !== "string") {
    return refuse(
      400,
      "broadcaster_id_not_string",
      'Invalid parameter "broadcaster_id"',
      "broadcaster_id must appear once in the query string.",
    );
  }
  if (fromQuery && fromBody && fromQuery !== fromBody) {
    return refuse(
      400,
      "broadcaster_id_conflict",
      'Invalid parameter "broadcaster_id"',
      `broadcaster_id is "${fromQuery}" in the query but "${fromBody}" in the body: send one, in the query string.`,
    );
  }
  const broadcasterId = (fromQuery || fromBody) as string | undefined;
  if (!broadcasterId) {
    return refuse(
      400,
      "broadcaster_id_missing",
      'Missing required parameter "broadcaster_id"',
      "No broadcaster_id: add ?broadcaster_id=<channel id> to the URL (as the reference documents) or put it in the body as a string.",
    );
  }

  const channelClaim = auth.jwt.channelId;
  if (channelClaim === undefined) {
    return refuse(
      401,
      "channel_id_missing",
      "authentication failed",
      `The JWT has no channel_id claim: set it to the broadcaster id "${broadcasterId}" as a string.`,
    );
  }
  if (channelClaim !== broadcasterId) {
    return refuse(
      401,
      "channel_id_mismatch",
      "authentication failed",
      `The JWT's channel_id "${channelClaim}" is not the broadcaster_id "${broadcasterId}": sign a JWT for the channel you post to.`,
    );
  }
  if (text.trim().length === 0) {
    return refuse(
      400,
      "text_empty",
      'Invalid parameter "text"',
      "The text is empty: send at least one visible character.",
    );
  }
  const length = chatTextLength(text);
  if (length > TWITCH.chatTextMax) {
    return refuse(
      400,
      "text_too_long",
      'The parameter "text" was malformed: must be no more than 280 characters',
      `The text is ${length} characters; Twitch allows ${TWITCH.chatTextMax}: shorten it (without cutting a character in half).`,
    );
  }

  const channel = input.channel(broadcasterId);
  if (!channel) {
    return refuse(
      404,
      "broadcaster_unknown",
      "The record was not found",
      `No channel has the id "${broadcasterId}": check the broadcaster id (a channel's user id, digits only).`,
    );
  }
  if (!extension.chatCapability) {
    return refuse(
      401,
      "chat_capability_off",
      "authentication failed",
      "Chat Capabilities are off for this extension: turn them on in the Extension console (Capabilities tab), then create and install a version with them.",
    );
  }
  if (channel.installedVersion === undefined) {
    return refuse(
      404,
      "extension_not_installed",
      "The record was not found",
      `The extension is not installed on channel ${broadcasterId}: install it (Creator Dashboard → Extensions) and activate it.`,
    );
  }
  if (channel.installedVersion !== version) {
    return refuse(
      404,
      "version_not_installed",
      "The record was not found",
      `The body says version "${version}" but channel ${broadcasterId} has "${channel.installedVersion}" installed: send the installed version (TWITCH_EXTENSION_VERSION).`,
    );
  }
  if (!channel.activated) {
    return refuse(
      404,
      "extension_not_activated",
      "The record was not found",
      `Version ${version} is installed on channel ${broadcasterId} but not activated in a slot: activate it (Creator Dashboard → Extensions → My Extensions).`,
    );
  }
  if (channel.versionState === "testing") {
    return refuse(
      401,
      "version_in_test",
      "authentication failed",
      `Version ${version} is still in Local Test, where chat has been refused (reported): move it to Hosted Test or release it.`,
    );
  }
  if (!channel.requiredConfigurationMet) {
    return refuse(
      401,
      "required_configuration_missing",
      "authentication failed",
      `The channel has not met the extension's required configuration: the broadcaster must configure it, and the EBS must set it with PUT /helix/extensions/required_configuration.`,
    );
  }
  if (!channel.chatGranted) {
    return refuse(
      401,
      "chat_not_granted",
      "authentication failed",
      `The broadcaster of ${broadcasterId} has not granted chat permission (it can reset after the extension's first release): Creator Dashboard → Extensions → Permissions; if it stays refused, uninstall and reinstall the extension.`,
    );
  }
  return { ok: true, broadcasterId, text, broadcasterIdFrom: fromQuery ? "query" : "body" };
}
