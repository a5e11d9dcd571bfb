import { BITS_TRANSACTION_EVENT } from "../eventsub/messages.ts";
import { EVENTSUB_SECRET_MAX, EVENTSUB_SECRET_MIN } from "../eventsub/signature.ts";
import type { Refusal } from "./codes.ts";
import { diagnoseEventSubCallback, type RigCallbackRule } from "./eventsub-callback.ts";
import { refuse } from "./external-jwt.ts";
import { isRefusal, jsonBodyFields } from "./json-body.ts";

/** Twitch's rule for a webhook secret: "an ASCII string". */
const isAscii = (text: string) => [...text].every((c) => c.charCodeAt(0) < 0x80);

/** A webhook subscription request Twitch would accept for Bits transactions. */
export interface BitsSubscriptionRequest {
  callback: string;
  secret: string;
}

/**
 * Judges a Create EventSub Subscription body for `extension.bits_transaction.create` v1 as Twitch does:
 * condition `{ extension_client_id }` of this extension, webhook transport only (WebSocket is refused for
 * this type), a callback URL (`diagnoseEventSubCallback`: Twitch's https on port 443, and with `rig` the rig's
 * own rule of which hosts it may post to), and an ASCII secret of 10 to 100 characters. Other subscription
 * types are not the rig's. `warning` says what the rig accepted that Twitch would not.
 */
export function diagnoseBitsSubscriptionBody(input: {
  body: unknown;
  extensionClientId: string;
  /** The rig's delivery rule; absent, only Twitch's (https on 443, any host). */
  rig?: RigCallbackRule;
}): { ok: true; request: BitsSubscriptionRequest; warning?: string } | Refusal {
  const fields = jsonBodyFields(input.body, '"type", "version", "condition" and "transport"');
  if (isRefusal(fields)) return fields;
  if (fields.type !== BITS_TRANSACTION_EVENT.type) {
    return refuse(
      400,
      "eventsub_type_unsupported",
      "invalid subscription type and version",
      `The rig serves EventSub only for "${BITS_TRANSACTION_EVENT.type}", got type ${JSON.stringify(fields.type ?? null)}.`,
    );
  }
  if (fields.version !== BITS_TRANSACTION_EVENT.version) {
    return refuse(
      400,
      "eventsub_version_unsupported",
      "invalid subscription type and version",
      `${BITS_TRANSACTION_EVENT.type} has version "1" only (a string), got ${JSON.stringify(fields.version ?? null)}.`,
    );
  }
  const condition = fields.condition as Record<string, unknown> | undefined;
  const clientId = condition?.extension_client_id;
  if (condition === null || typeof condition !== "object" || clientId !== input.extensionClientId) {
    return refuse(
      400,
      "eventsub_condition_invalid",
      "invalid condition",
      `condition must be { "extension_client_id": "${input.extensionClientId}" } (this extension), got ${JSON.stringify(condition ?? null)?.slice(0, 80)}.`,
    );
  }
  const transport = fields.transport as Record<string, unknown> | undefined;
  if (transport === null || typeof transport !== "object" || transport.method !== "webhook") {
    const method = transport?.method;
    return refuse(
      400,
      "eventsub_transport_unsupported",
      method === "websocket"
        ? "transport method websocket is not supported for this subscription type"
        : "invalid transport",
      method === "websocket"
        ? `${BITS_TRANSACTION_EVENT.type} is delivered over a webhook or a conduit only, never a WebSocket: subscribe with transport { "method": "webhook", "callback", "secret" } from the EBS.`
        : `transport must be { "method": "webhook", "callback": "<https URL>", "secret": "<10-100 characters>" }, got method ${JSON.stringify(method ?? null)}.`,
    );
  }
  const callback = diagnoseEventSubCallback(transport.callback, input.rig);
  if (!callback.ok) return callback;
  const secret = transport.secret;
  if (
    typeof secret !== "string" ||
    secret.length < EVENTSUB_SECRET_MIN ||
    secret.length > EVENTSUB_SECRET_MAX ||
    !isAscii(secret)
  ) {
    return refuse(
      400,
      "eventsub_secret_invalid",
      "invalid transport secret",
      `transport.secret must be an ASCII string of ${EVENTSUB_SECRET_MIN} to ${EVENTSUB_SECRET_MAX} characters (the HMAC key of every delivery)${typeof secret === "string" ? `, got ${secret.length}${isAscii(secret) ? "" : " with characters outside ASCII"}` : ""}.`,
    );
  }
  return {
    ok: true,
    request: { callback: callback.callback, secret },
    ...(callback.warning ? { warning: callback.warning } : {}),
  };
}
