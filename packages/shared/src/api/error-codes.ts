/**
 * Why a viewer token was refused. Each code names one cause, so a developer reading the EBS's answer (or
 * `doctor`) knows what to fix.
 */
export const tokenErrorCodes = [
  "token_missing",
  "token_too_large",
  "token_malformed",
  "algorithm_not_allowed",
  "signature_invalid",
  "signed_with_raw_secret",
  "token_expired",
  "exp_in_milliseconds",
  "token_not_yet_valid",
  "claims_not_object",
  "claims_invalid",
  "role_not_allowed",
] as const;
export type TokenErrorCode = (typeof tokenErrorCodes)[number];

/**
 * Why a Bits transaction receipt (`onTransactionComplete`'s `transactionReceipt`) was refused: one code per
 * cause, as for viewer tokens.
 */
export const bitsReceiptErrorCodes = [
  "receipt_missing",
  "receipt_too_large",
  "receipt_malformed",
  "receipt_algorithm_not_allowed",
  "receipt_signature_invalid",
  "receipt_signed_with_raw_secret",
  "receipt_claims_not_object",
  "receipt_exp_in_milliseconds",
  "receipt_topic_invalid",
  "receipt_claims_invalid",
  "receipt_id_not_string",
  "receipt_cost_not_number",
  "receipt_expired",
  "receipt_domain_mismatch",
  "receipt_sku_unknown",
  "receipt_cost_mismatch",
  "receipt_user_mismatch",
] as const;
export type BitsReceiptErrorCode = (typeof bitsReceiptErrorCodes)[number];

/** Why an EventSub webhook delivery was refused (`verifyEventSubMessage`'s codes). */
export const eventSubSignatureErrorCodes = [
  "eventsub_header_missing",
  "eventsub_signature_malformed",
  "eventsub_signature_invalid",
  "eventsub_timestamp_invalid",
  "eventsub_timestamp_too_old",
  "eventsub_timestamp_in_future",
] as const;
export type EventSubSignatureErrorCode = (typeof eventSubSignatureErrorCodes)[number];

/** Every code the EBS API can answer with in `error.code` (see `apiErrorCodes`). */
function listApiErrorCodes() {
  return [
    ...tokenErrorCodes,
    ...bitsReceiptErrorCodes,
    ...eventSubSignatureErrorCodes,
    // A genuine receipt of an unidentified viewer that Twitch's transaction places in another channel.
    "receipt_channel_mismatch",
    "body_invalid",
    "not_found",
    "origin_not_allowed",
    "chat_refused",
    "required_configuration_refused",
    "twitch_unavailable",
    "twitch_rate_limited",
    "cooldown",
    "chat_disabled",
    "shutting_down",
    "internal",
  ] as const;
}

/**
 * Every code the EBS API can answer with in `error.code`. Built by a call marked pure: bundlers keep an array
 * spread at the top level even when nothing reads it, and the browser's pages do not need the list.
 */
export const apiErrorCodes = /* @__PURE__ */ listApiErrorCodes();
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export function isTokenErrorCode(code: string): code is TokenErrorCode {
  return (tokenErrorCodes as readonly string[]).includes(code);
}
