/**
 * Every cause for which Twitch refuses an extension's Helix call, as the rig and `doctor` name them.
 * Browser-safe: the rig UI shows them.
 */
export const refusalCodes = [
  "auth_header_missing",
  "auth_header_malformed",
  "client_id_missing",
  "client_id_mismatch",
  "token_not_jwt",
  "token_algorithm",
  "signed_with_raw_secret",
  "signed_with_client_secret",
  "signature_invalid",
  "claims_encoded_twice",
  "exp_missing",
  "exp_in_milliseconds",
  "token_expired",
  "viewer_token_used",
  "role_not_external",
  "user_id_missing",
  "user_id_not_string",
  "user_id_not_owner",
  "channel_id_missing",
  "channel_id_not_string",
  "channel_id_mismatch",
  "pubsub_perms_missing",
  "header_repeated",
  "body_not_json",
  "body_too_large",
  "body_too_deep",
  "body_encoding_unsupported",
  "body_encoding_invalid",
  "body_charset_unsupported",
  "body_incomplete",
  "body_field_missing",
  "body_field_not_string",
  "extension_id_mismatch",
  "broadcaster_id_missing",
  "broadcaster_id_not_string",
  "broadcaster_id_conflict",
  "text_empty",
  "text_too_long",
  "broadcaster_unknown",
  "chat_capability_off",
  "extension_not_installed",
  "version_not_installed",
  "extension_not_activated",
  "version_in_test",
  "required_configuration_missing",
  "chat_not_granted",
  "rate_limited",
  "endpoint_removed",
  "pubsub_target_invalid",
  "pubsub_message_too_large",
  "pubsub_perms_not_object",
  "pubsub_global_invalid",
  "pubsub_path_trailing_slash",
  "streams_query_invalid",
  "configuration_invalid",
  "secrets_delay_invalid",
  "oauth_client_unknown",
  "oauth_client_secret_invalid",
  "oauth_extension_secret_used",
  "oauth_grant_type_unsupported",
  "oauth_token_invalid",
  "users_query_invalid",
  "app_token_required",
  "bits_sku_invalid",
  "bits_cost_invalid",
  "bits_product_field_invalid",
  "bits_product_not_found",
  "transactions_query_invalid",
  "eventsub_transport_unsupported",
  "eventsub_type_unsupported",
  "eventsub_version_unsupported",
  "eventsub_condition_invalid",
  "eventsub_callback_invalid",
  "eventsub_secret_invalid",
  "eventsub_subscription_exists",
  "eventsub_subscription_not_found",
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

/** A refused call: what Twitch answers, and the rig's one-sentence cause and fix. */
export interface Refusal {
  ok: false;
  status: number;
  code: RefusalCode;
  /** The message Twitch's body carries (terse, as Twitch's is). */
  twitchMessage: string;
  /** The exact cause and the fix, in one sentence. */
  diagnosis: string;
}
