import { JSON_NESTING_MAX } from "../json/json-depth.ts";
import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";

/**
 * The fields of a Helix call's JSON body, or the 400 Twitch answers when the body is not a JSON object;
 * `fields` names what the body should hold, for the diagnosis.
 */
export function jsonBodyFields(body: unknown, fields: string): Record<string, unknown> | Refusal {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return refuse(
      400,
      "body_not_json",
      "Missing required parameter",
      `The body must be a JSON object with ${fields} (Content-Type: application/json).`,
    );
  }
  return body as Record<string, unknown>;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Why a server could not read a request's body at all, before any field of it is judged. */
export type UnreadableBody =
  /** Longer than the server reads. */
  | { cause: "too_large"; limitBytes: number }
  /** JSON nested deeper than {@link JSON_NESTING_MAX}. */
  | { cause: "too_deep" }
  /** A Content-Encoding the server does not decode: unknown, or several stacked (`gzip, gzip`). */
  | { cause: "encoding_unsupported"; encoding: string }
  /** The body is not in the Content-Encoding its header names (`gzip` over plain JSON). */
  | { cause: "encoding_invalid"; encoding: string }
  /** A charset the server cannot decode. */
  | { cause: "charset_unsupported"; charset: string }
  /** The body stopped short of its Content-Length, or the client went away while sending it. */
  | { cause: "incomplete" };

/** A header value quoted in a diagnosis: short and printable. */
function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
  return JSON.stringify(shown);
}

/**
 * The refusal of a body that could not be read: a 4xx with Twitch's terse message and one sentence that
 * names the cause and the fix. Twitch's bodies are small flat JSON objects in UTF-8, sent uncompressed.
 */
export function diagnoseUnreadableBody(body: UnreadableBody): Refusal {
  switch (body.cause) {
    case "too_large":
      return refuse(
        413,
        "body_too_large",
        "Request Entity Too Large",
        `The body is over ${Math.round(body.limitBytes / 1024)} KB: Twitch's bodies are small JSON objects (chat text at most 280 characters, a PubSub message at most 5 KB).`,
      );
    case "too_deep":
      return refuse(
        400,
        "body_too_deep",
        "Bad Request",
        `The body nests arrays or objects more than ${JSON_NESTING_MAX} levels deep: send a flat JSON object whose fields are strings (a PubSub message is a string: JSON-encode it yourself).`,
      );
    case "encoding_unsupported":
      return refuse(
        415,
        "body_encoding_unsupported",
        "Unsupported Media Type",
        `Content-Encoding ${quoted(body.encoding)} is not one the rig decodes (gzip, deflate or br, just one): send the JSON body uncompressed, without Content-Encoding.`,
      );
    case "encoding_invalid":
      return refuse(
        400,
        "body_encoding_invalid",
        "Bad Request",
        `The body is not ${quoted(body.encoding)}-compressed as its Content-Encoding header says: send plain JSON without Content-Encoding, or compress the body as the header says.`,
      );
    case "charset_unsupported":
      return refuse(
        415,
        "body_charset_unsupported",
        "Unsupported Media Type",
        `The charset ${quoted(body.charset)} of the Content-Type is unknown: send UTF-8 JSON (Content-Type: application/json).`,
      );
    case "incomplete":
      return refuse(
        400,
        "body_incomplete",
        "Bad Request",
        "The body ended before the length its headers announced: send the whole body, with a Content-Length that counts its bytes.",
      );
  }
}
