import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock.ts";

/** Deliveries older than this are refused (Twitch: guard against replays; 10 minutes). */
export const EVENTSUB_MAX_AGE_SECONDS = 10 * 60;
/** Shortest and longest webhook secret Twitch accepts when a subscription is created. */
export const EVENTSUB_SECRET_MIN = 10;
export const EVENTSUB_SECRET_MAX = 100;

import type { EventSubSignatureErrorCode } from "../api/error-codes.ts";

/** The three headers the signature covers, as received (undefined when absent). */
export interface EventSubSignedHeaders {
  messageId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type EventSubSignatureResult =
  | { ok: true }
  | { ok: false; error: { code: EventSubSignatureErrorCode; message: string } };

function hmac(secret: string, messageId: string, timestamp: string, body: Buffer | string): Buffer {
  return createHmac("sha256", secret).update(messageId).update(timestamp).update(body).digest();
}

/**
 * `Twitch-Eventsub-Message-Signature` for one delivery: `sha256=` and the hex HMAC-SHA256, keyed with the
 * subscription's secret, of the message id, the timestamp and the raw body, concatenated.
 */
export function signEventSubMessage(input: {
  secret: string;
  messageId: string;
  timestamp: string;
  body: Buffer | string;
}): string {
  return `sha256=${hmac(input.secret, input.messageId, input.timestamp, input.body).toString("hex")}`;
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/**
 * Checks an EventSub webhook delivery before its body is trusted: the three headers present, the signature
 * the HMAC of the *raw* body (re-serialised JSON would not match), compared in constant time, and the
 * timestamp within {@link EVENTSUB_MAX_AGE_SECONDS} of now either way (older ones may be replays). Message id
 * deduplication is the receiver's job: a redelivery carries the same id.
 */
export function verifyEventSubMessage(input: {
  headers: EventSubSignedHeaders;
  rawBody: Buffer | string;
  secret: string;
  clock: Clock;
  maxAgeSeconds?: number;
}): EventSubSignatureResult {
  const { messageId, timestamp, signature } = input.headers;
  const missing = [
    messageId ? undefined : "Twitch-Eventsub-Message-Id",
    timestamp ? undefined : "Twitch-Eventsub-Message-Timestamp",
    signature ? undefined : "Twitch-Eventsub-Message-Signature",
  ].filter((name) => name !== undefined);
  if (!messageId || !timestamp || !signature) {
    return {
      ok: false,
      error: {
        code: "eventsub_header_missing",
        message: `The delivery has no ${missing.join(", ")} header: only Twitch's signed deliveries are accepted.`,
      },
    };
  }
  const hex = SIGNATURE.exec(signature)?.[1];
  if (hex === undefined) {
    return {
      ok: false,
      error: {
        code: "eventsub_signature_malformed",
        message: 'The signature header is not "sha256=" followed by 64 lowercase hex digits.',
      },
    };
  }
  const expected = hmac(input.secret, messageId, timestamp, input.rawBody);
  if (!timingSafeEqual(Buffer.from(hex, "hex"), expected)) {
    return {
      ok: false,
      error: {
        code: "eventsub_signature_invalid",
        message:
          "The signature does not match: the body was changed, or the subscription was created with another secret (sign the raw body, not re-serialised JSON).",
      },
    };
  }
  const sent = Date.parse(timestamp);
  if (!Number.isFinite(sent)) {
    return {
      ok: false,
      error: {
        code: "eventsub_timestamp_invalid",
        message: `The timestamp ${JSON.stringify(timestamp.slice(0, 40))} is not an RFC 3339 date.`,
      },
    };
  }
  const maxAge = (input.maxAgeSeconds ?? EVENTSUB_MAX_AGE_SECONDS) * 1000;
  const age = input.clock() - sent;
  if (age > maxAge) {
    return {
      ok: false,
      error: {
        code: "eventsub_timestamp_too_old",
        message: `The delivery was sent ${Math.round(age / 1000)} s ago, more than ${maxAge / 1000} s: refused as a possible replay.`,
      },
    };
  }
  if (-age > maxAge) {
    return {
      ok: false,
      error: {
        code: "eventsub_timestamp_in_future",
        message: `The delivery's timestamp is ${Math.round(-age / 1000)} s in the future: check this machine's clock.`,
      },
    };
  }
  return { ok: true };
}
