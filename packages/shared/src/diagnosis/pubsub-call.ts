import type { Clock } from "../clock.ts";
import { TWITCH } from "../twitch/constants.ts";
import type { Refusal } from "./codes.ts";
import { diagnoseExternalJwt, type ExtensionIdentity, refuse } from "./external-jwt.ts";
import { isRefusal, jsonBodyFields } from "./json-body.ts";

/** An incoming Helix Send Extension PubSub Message call, as any HTTP server sees it. */
export interface PubSubCall {
  /** The path as sent, without the query; Twitch answers 403 when it ends with a slash. Omitted: not judged. */
  path?: string;
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

const PERMS_EXAMPLE = 'pubsub_perms: { send: ["broadcast"] } (buildExternalPubSubClaims)';

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** The 401 Twitch gives a `pubsub_perms` claim it cannot read ("JWT could not be verified"), or undefined. */
function diagnosePubSubPermsShape(perms: unknown): Refusal | undefined {
  if (perms === undefined) return undefined;
  const refusal = (what: string) =>
    refuse(401, "pubsub_perms_not_object", "JWT could not be verified", `${what}: sign ${PERMS_EXAMPLE}.`);
  if (perms === null || typeof perms !== "object" || Array.isArray(perms)) {
    return refusal(`The JWT's pubsub_perms is ${kindOf(perms)}, not an object with a send array`);
  }
  const send = (perms as { send?: unknown }).send;
  if (send !== undefined && !Array.isArray(send)) {
    return refusal(`The JWT's pubsub_perms.send is ${kindOf(send)}, not an array of targets`);
  }
  return undefined;
}

/** The target list, checked against Twitch's three kinds and the global-broadcast flag; a refusal if wrong. */
function diagnoseTargets(target: unknown, isGlobal: boolean): string[] | Refusal {
  if (!Array.isArray(target) || target.length === 0 || target.some((t) => typeof t !== "string")) {
    return refuse(
      400,
      "pubsub_target_invalid",
      'Invalid parameter "target"',
      `target is ${kindOf(target)}${Array.isArray(target) && target.length === 0 ? " with nothing in it" : ""}: send a non-empty array of strings such as ["broadcast"], ["global"] or ["whisper-<opaque id>"].`,
    );
  }
  const targets = target as string[];
  const unknown = targets.find((t) => !TARGET.test(t));
  if (unknown !== undefined) {
    return refuse(
      400,
      "pubsub_target_invalid",
      'Invalid parameter "target"',
      `target ${JSON.stringify(unknown)} is none of Twitch's targets: use "broadcast", "global" or "whisper-<opaque or user id>".`,
    );
  }
  if (isGlobal && (targets.length !== 1 || targets[0] !== "global")) {
    return refuse(
      400,
      "pubsub_global_invalid",
      'Invalid parameter "target"',
      `A global broadcast (is_global_broadcast: true) goes to target ["global"] only, not ${JSON.stringify(targets)}.`,
    );
  }
  if (!isGlobal && targets.includes("global")) {
    return refuse(
      400,
      "pubsub_global_invalid",
      'Invalid parameter "target"',
      'target "global" needs is_global_broadcast: true and a JWT with channel_id "all"; to reach one channel, use "broadcast".',
    );
  }
  return targets;
}

/**
 * Judges a Send Extension PubSub Message call (`POST /helix/extensions/pubsub`) as Twitch does: the path without a
 * trailing slash, an external JWT whose `pubsub_perms` is an object whose `send` lists every target, `channel_id`
 * equal to `broadcaster_id` (or "all" for a global broadcast), targets of Twitch's three kinds, a string message of
 * at most 5 KB counted in UTF-8 bytes. Each cause has its own code and sentence. Rate limiting is the caller's.
 */
export function diagnosePubSubCall(input: {
  call: PubSubCall;
  extension: ExtensionIdentity;
  clock: Clock;
}): PubSubCallAccepted | Refusal {
  const { call } = input;
  if (call.path !== undefined && call.path.length > 1 && call.path.endsWith("/")) {
    return refuse(
      403,
      "pubsub_path_trailing_slash",
      "Forbidden",
      `The path "${call.path}" ends with a slash, which Twitch answers with 403: call ${TWITCH.pubsubPath} without it.`,
    );
  }
  const auth = diagnoseExternalJwt({
    authorization: call.authorization,
    clientIdHeader: call.clientIdHeader,
    extension: input.extension,
    clock: input.clock,
  });
  if (!auth.ok) return auth;
  const claims = auth.jwt.claims;
  const permsShape = diagnosePubSubPermsShape(claims.pubsub_perms);
  if (permsShape) return permsShape;
  const fields = jsonBodyFields(call.body, '"target", "broadcaster_id" and "message"');
  if (isRefusal(fields)) return fields;
  const flag = fields.is_global_broadcast;
  if (flag !== undefined && typeof flag !== "boolean") {
    return refuse(
      400,
      "pubsub_global_invalid",
      'Invalid parameter "is_global_broadcast"',
      `is_global_broadcast is ${kindOf(flag)} ${JSON.stringify(flag)}: send the boolean true or false.`,
    );
  }
  const isGlobal = flag === true;
  const targets = diagnoseTargets(fields.target, isGlobal);
  if (isRefusal(targets)) return targets;
  const message = fields.message;
  if (typeof message !== "string") {
    return refuse(
      400,
      message === undefined ? "body_field_missing" : "body_field_not_string",
      'Missing required parameter "message"',
      message === undefined
        ? "No message: send the message as a string (JSON-encode objects yourself)."
        : `message is ${kindOf(message)}: it must be a string (JSON.stringify objects yourself before sending them).`,
    );
  }
  const bytes = Buffer.byteLength(message, "utf8");
  if (bytes > TWITCH.pubsubMessageMax) {
    return refuse(
      400,
      "pubsub_message_too_large",
      'The parameter "message" was malformed: must be no more than 5 KB',
      `The message is ${bytes} bytes in UTF-8 (${message.length} characters); Extension PubSub allows ${TWITCH.pubsubMessageMax}: send less, or send a signal and let the frontend fetch the rest from the EBS.`,
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
  const expectedChannel = isGlobal ? "all" : (broadcasterId as string);
  if (auth.jwt.channelId === undefined) {
    return refuse(
      401,
      "channel_id_missing",
      "authentication failed",
      `The JWT has no channel_id claim: set it to "${expectedChannel}"${isGlobal ? " (a global broadcast's channel)" : ", the broadcaster_id"}.`,
    );
  }
  if (auth.jwt.channelId !== expectedChannel) {
    return refuse(
      401,
      "channel_id_mismatch",
      "authentication failed",
      isGlobal
        ? `A global broadcast needs a JWT with channel_id "all", not "${auth.jwt.channelId}".`
        : `The JWT's channel_id "${auth.jwt.channelId}" is not the body's broadcaster_id "${expectedChannel}": sign a JWT for the channel you send to.`,
    );
  }
  const denied = targets.find((t) => !pubsubSendAllows(claims.pubsub_perms, t));
  if (denied !== undefined) {
    return refuse(
      401,
      "pubsub_perms_missing",
      "Wrong channel requested",
      claims.pubsub_perms === undefined
        ? `The JWT has no pubsub_perms (a chat JWT?): sign with pubsub_perms: { send: ["${denied}"] } (buildExternalPubSubClaims).`
        : `The JWT's pubsub_perms.send does not list "${denied}": sign with pubsub_perms: { send: ["${denied}"] } (buildExternalPubSubClaims).`,
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
