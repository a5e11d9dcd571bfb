/**
 * Browser-safe entry: types, schemas (zod/mini), limits, the chat text builder. Nothing here touches a
 * secret; the panel and the rig's browser code import only this. Each export is named, so the browser-safe
 * boundary is this list.
 */
export {
  ACTION_KINDS,
  type ActionKind,
  type ActionKindRule,
  actionKinds,
  chatTemplateFor,
} from "./actions/action-kinds.ts";
export {
  type BitsTransactionAccepted,
  type BitsTransactionRequest,
  type BitsTransactionStatus,
  bitsTransactionAcceptedSchema,
  bitsTransactionRequestSchema,
  bitsTransactionStatuses,
} from "./api/bits.ts";
export {
  type ActionQueued,
  type ActionState,
  type ActionStatus,
  type ActionStatusAnswer,
  actionQueuedSchema,
  actionStates,
  actionStatusAnswerSchema,
  actionStatusPath,
  actionStatusSchema,
} from "./api/delivery.ts";
export {
  type ApiErrorCode,
  apiErrorCodes,
  type BitsReceiptErrorCode,
  bitsReceiptErrorCodes,
  isTokenErrorCode,
  type TokenErrorCode,
  tokenErrorCodes,
} from "./api/error-codes.ts";
export {
  type ActionRequest,
  type ApiError,
  actionRequestSchema,
  apiErrorAnswerSchema,
  apiErrorSchema,
  EBS_PATHS,
  type HealthResponse,
  healthResponseSchema,
} from "./api/schemas.ts";
export {
  type SettingsChangedRequest,
  type SettingsChangedResponse,
  settingsChangedRequestSchema,
  settingsChangedResponseSchema,
} from "./api/settings.ts";
export { BITS_CATALOGUE } from "./bits/catalogue.ts";
export { BITS_CATALOGUE_ENTRIES } from "./bits/catalogue-entries.ts";
export {
  BITS_CHAT_PLACEHOLDERS,
  type BitsCatalogue,
  type BitsCatalogueEntry,
  bitsActionTemplate,
  buildBitsChatText,
  defineBitsCatalogue,
} from "./bits/catalogue-rules.ts";
export {
  BITS_DISPLAY_NAME_MAX,
  BITS_DOMAIN_PREFIX,
  BITS_SKU_MAX,
  type BitsProduct,
  bitsDomainFor,
  bitsProductActive,
  bitsProductSchema,
  type FrontendBitsProduct,
  fromHelixBitsProduct,
  type HelixBitsProduct,
  helixBitsProductSchema,
  isValidSku,
  skuProblem,
  toFrontendBitsProduct,
  toHelixBitsProduct,
} from "./bits/products.ts";
export {
  BITS_RECEIPT_TOPIC,
  type BitsReceiptClaims,
  bitsReceiptClaimsSchema,
} from "./bits/receipt-claims.ts";
export { buildChatText, truncateChatText } from "./chat/build-text.ts";
export { countActorsInChatText } from "./chat/count.ts";
export {
  CHAT_PLACEHOLDERS,
  type ChatActor,
  chatTextLength,
  DEFAULT_CHAT_TEMPLATE,
  describeActors,
} from "./chat/text.ts";
export {
  type Clock,
  epochSeconds,
  systemClock,
} from "./clock.ts";
export type {
  ChannelExtensionState,
  ExtensionCapabilities,
} from "./diagnosis/channel-state.ts";
export {
  type Refusal,
  type RefusalCode,
  refusalCodes,
} from "./diagnosis/codes.ts";
export {
  BITS_TRANSACTION_EVENT,
  type BitsTransactionEvent,
  bitsTransactionEventSchema,
  EVENTSUB_HEADERS,
  type EventSubMessageType,
  type EventSubStatus,
  type EventSubSubscription,
  eventSubBodySchemas,
  eventSubMessageTypes,
  eventSubStatuses,
  eventSubSubscriptionSchema,
} from "./eventsub/messages.ts";
export {
  DIAGNOSIS_HEADERS,
  decodeDiagnosisHeader,
  encodeDiagnosisHeader,
  explainChatRefusal,
  HELIX_REASONS,
  type HelixErrorBody,
  helixErrorBody,
  helixErrorBodySchema,
} from "./helix/refusals.ts";
export { countHeader } from "./http/count-header.ts";
export {
  JSON_NESTING_MAX,
  jsonNestsDeeperThan,
} from "./json/json-depth.ts";
export {
  type ChatHealthState,
  chatHealthStates,
  type LiveDashboard,
  type LiveRefusal,
  liveDashboardSchema,
  liveRefusalSchema,
} from "./live/live-dashboard.ts";
export {
  LIVE_PUBSUB_TARGET,
  LIVE_RECENT_MAX,
  type LiveHyper,
  type LivePubSubMessage,
  type LiveState,
  liveHyperSchema,
  livePubSubMessage,
  livePubSubMessageSchema,
  liveStateSchema,
} from "./live/live-state.ts";
export {
  BROADCASTER_SETTINGS_SEGMENT,
  BROADCASTER_SETTINGS_VERSION,
  type BroadcasterSettings,
  broadcasterSettingsSchema,
  chatTemplateProblem,
  DEFAULT_BROADCASTER_SETTINGS,
  DISPLAY_NAME_MAX,
  parseBroadcasterSettings,
  type TemplateCheck,
  type TemplateProblem,
} from "./settings/broadcaster-settings.ts";
export { savedSettingsAreValid, serializeBroadcasterSettings } from "./settings/saved-settings.ts";
export { validateChatTemplate } from "./settings/template-check.ts";
export {
  type ExtensionClaims,
  type ExtensionRole,
  type ExternalChatClaims,
  type ExternalPubSubClaims,
  type ExternalServiceClaims,
  extensionRoles,
  type PubSubPerms,
  pubsubPermsSchema,
  type TwitchAuth,
  type ViewerClaims,
  viewerClaimsSchema,
} from "./twitch/claims.ts";
export {
  extensionOrigin,
  TWITCH,
} from "./twitch/constants.ts";
export {
  assertTwitchId,
  isTwitchId,
} from "./twitch/ids.ts";
export { TWITCH_LIMITS } from "./twitch/limits.ts";
export { TwitchRuleError } from "./twitch-rule-error.ts";
