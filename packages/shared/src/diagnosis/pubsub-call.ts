import type { Clock } from "../clock.ts";
import { TWITCH } from "../twitch/constants.ts";
import type { Refusal } from "./codes.ts";
import { diagnoseExternalJwt, type ExtensionIdentity, refuse } from "./external-jwt.ts";
import { isRefusal, jsonBodyFields } from "./json-body.ts";

/** An incoming Helix Send Extension PubSub Message call, as any HTTP server sees it. */
export interface PubSubCall {
  authorization: string | undefined;
  clientIdHeader: string | undefined;
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: unknown;
}

export interface PubSubCallAccepted {
  ok: true;
  /** The channel the message goes to; undefined for a global broadcast. */
  broadcasterId: string | undefined;
  targets: string[];
  message: string;
  isGlobalBroadcast: boolean;
}

const TARGET = /^(broadcast|global|whisper-[A-Za-z0-9_-]+)$/;

/** True when `perms.send` (from the JWT) allows sending to `target` ("*" allows every target). */
export function pubsubSendAllows(perms: unknown, target: string): boolean {
  if (perms === null || typeof perms !== "object") return false;
  const send = (perms as { send?: unknown }).send;
  return Array.isArray(send) && (send.includes("*") || send.includes(target));
}

/**
 * Judges a Send Extension PubSub Message call (`POST /helix/extensions/pubsub`) as Twitch does: an external
 * JWT whose `pubsub_perms.send` lists every target, `channel_id` equal to `broadcaster_id` (or "all" for a
 * global broadcast), a string message of at most 5 KB. Rate limiting is the caller's.
 */
export function diagnosePubSubCall(input: {
  call: PubSubCall;
  extension: ExtensionIdentity;
  clock: Clock;
}): PubSubCallAccepted | Refusal {
  const { call } = input;
  const auth = diagnoseExternalJwt({
    authorization: call.authorization,
    clientIdHeader: call.clientIdHeader,
    extension: input.extension,
    clock: input.clock,
  });
  if (!auth.ok) return auth;
  const fields = jsonBodyFields(call.body, '"target", "broadcaster_id" and "message"');
  if (isRefusal(fields)) return fields;
  const isGlobal = fields.is_global_broadcast === true;
  const target = fields.target;
  if (!Array.isArray(target) || target.length === 0 || target.some((t) => typeof t !== "string")) {
    return refuse(
      400,
      "pubsub_target_invalid",
      'Invalid parameter "target"',
      'target must be a non-empty array of strings such as ["broadcast"], ["global"] or ["whisper-<opaque id>"].',
    );
  }
  const targets = target as string[];
  const bad = targets.find((t) => !TARGET.test(t) || (t === "global") !== isGlobal);
  if (bad !== undefined) {
    return refuse(
      400,
      "pubsub_target_invalid",
      'Invalid parameter "target"',
      isGlobal
        ? 'A global broadcast (is_global_broadcast: true) must have target ["global"].'
        : `target "${bad}" is not allowed here: use "broadcast" or "whisper-<opaque id>" ("global" needs is_global_broadcast: true).`,
    );
  }
  const message = fields.message;
  if (typeof message !== "string") {
    return refuse(
      400,
      message === undefined ? "body_field_missing" : "body_field_not_string",
      'Missing required parameter "message"',
      "message must be a string (JSON-encode objects yourself before sending them).",
    );
  }
  const bytes = Buffer.byteLength(message, "utf8");
  if (bytes > TWITCH.pubsubMessageMax) {
    return refuse(
      400,
      "pubsub_message_too_large",
      'The parameter "message" was malformed: must be no more than 5 KB',
      `The message is ${bytes} bytes; Extension PubSub allows ${TWITCH.pubsubMessageMax}: send less, or send a signal and let the frontend fetch the rest from the EBS.`,
    );
  }
  const broadcasterId = fields.broadcaster_id;
  if (!isGlobal) {
    if (broadcasterId === undefined || broadcasterId === "") {
      return refuse(
        400,
        "broadcaster_id_missing",
        'Missing required parameter "broadcaster_id"',
        "No broadcaster_id: put the channel id in the body as a string.",
      );
    }
    if (typeof broadcasterId !== "string") {
      return refuse(
        400,
        "broadcaster_id_not_string",
        'Invalid parameter "broadcaster_id"',
        `broadcaster_id is a ${typeof broadcasterId}: send it as a string ("${String(broadcasterId)}").`,
      );
    }
  }
  const claims = auth.jwt.claims;
  const expectedChannel = isGlobal ? "all" : (broadcasterId as string);
  if (auth.jwt.channelId === undefined) {
    return refuse(
      401,
      "channel_id_missing",
      "authentication failed",
      `The JWT has no channel_id claim: set it to "${expectedChannel}".`,
    );
  }
  if (auth.jwt.channelId !== expectedChannel) {
    return refuse(
      401,
      "channel_id_mismatch",
      "authentication failed",
      `The JWT's channel_id "${auth.jwt.channelId}" is not "${expectedChannel}": sign a JWT for the channel you send to.`,
    );
  }
  const denied = targets.find((t) => !pubsubSendAllows(claims.pubsub_perms, t));
  if (denied !== undefined) {
    return refuse(
      401,
      "pubsub_perms_missing",
      "authentication failed",
      `The JWT's pubsub_perms.send does not list "${denied}": sign with pubsub_perms: { send: ["${denied}"] } (buildExternalPubSubClaims).`,
    );
  }
  return {
    ok: true,
    broadcasterId: isGlobal ? undefined : (broadcasterId as string),
    targets,
    message,
    isGlobalBroadcast: isGlobal,
  };
}
