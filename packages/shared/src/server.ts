/**
 * Server entry: secrets, signing, verifying, Helix call builders, the diagnosis of a refused call. Never
 * bundle it into a frontend.
 */

export { type EventSubSignatureErrorCode, eventSubSignatureErrorCodes } from "./api/error-codes.ts";
export {
  BITS_RECEIPT_TTL_SECONDS,
  type BitsReceiptError,
  type BitsReceiptResult,
  buildBitsReceiptClaims,
  signBitsReceipt,
  type VerifiedBitsPurchase,
  type VerifyBitsReceiptOptions,
  verifyBitsReceipt,
} from "./bits/receipt.ts";
export {
  diagnoseAppTokenCall,
  type KnownAccessToken,
} from "./diagnosis/app-token-call.ts";
export {
  diagnoseBitsProductBody,
  diagnoseTransactionsQuery,
  type TransactionsQuery,
} from "./diagnosis/bits-calls.ts";
export {
  type ChatCall,
  type ChatCallAccepted,
  diagnoseChatCall,
} from "./diagnosis/chat-call.ts";
export {
  type BitsSubscriptionRequest,
  diagnoseBitsSubscriptionBody,
} from "./diagnosis/eventsub-call.ts";
export {
  type CallbackVerdict,
  diagnoseEventSubCallback,
  EVENTSUB_CALLBACK_MAX,
  LOOPBACK_CALLBACK_HOSTS,
  type RigCallbackRule,
} from "./diagnosis/eventsub-callback.ts";
export {
  type ClaimLine,
  type ExplainJwtResult,
  explainExtensionJwt,
  type JwtExplanation,
  type JwtFinding,
  type SecretMatch,
} from "./diagnosis/explain-jwt.ts";
export {
  DIAGNOSIS_MAX,
  diagnoseExternalJwt,
  type ExtensionIdentity,
  type ExternalJwt,
  refuse,
} from "./diagnosis/external-jwt.ts";
export {
  diagnoseUnreadableBody,
  type UnreadableBody,
} from "./diagnosis/json-body.ts";
export {
  diagnosePubSubCall,
  type PubSubCall,
  type PubSubCallAccepted,
  pubsubSendAllows,
} from "./diagnosis/pubsub-call.ts";
export { diagnoseRepeatedHeaders } from "./diagnosis/repeated-headers.ts";
export {
  durationInWords,
  expiryInWords,
} from "./diagnosis/time-words.ts";
export {
  EVENTSUB_MAX_AGE_SECONDS,
  EVENTSUB_SECRET_MAX,
  EVENTSUB_SECRET_MIN,
  type EventSubSignatureResult,
  type EventSubSignedHeaders,
  signEventSubMessage,
  verifyEventSubMessage,
} from "./eventsub/signature.ts";
export {
  createBitsTransactionSubscription,
  deleteEventSubSubscription,
  type ExtensionTransaction,
  getEventSubSubscriptions,
  getExtensionBitsProducts,
  getExtensionTransactions,
  TRANSACTIONS_PAGE_MAX,
  updateExtensionBitsProduct,
} from "./helix/bits-calls.ts";
export {
  assertExtensionVersion,
  type ChatBody,
  chatBodySchema,
  sendExtensionChatMessage,
} from "./helix/chat-message.ts";
export {
  GET_USERS_MAX_IDS,
  getConfigurationSegment,
  getExtensionSecrets,
  getUsers,
  requestAppAccessToken,
  setRequiredConfiguration,
} from "./helix/extension-calls.ts";
export {
  externalClaimsFor,
  type HelixAuth,
  type HelixCall,
  helixCallUrl,
} from "./helix/helix-call.ts";
export {
  type GetStreamsAnswer,
  getStreams,
  type PubSubBody,
  sendExtensionPubSubMessage,
  streamOf,
} from "./helix/live-calls.ts";
export {
  type DecodedJwt,
  type DecodeResult,
  decodeJwt,
} from "./jwt/decode.ts";
export {
  buildBroadcasterClaims,
  buildExternalChatClaims,
  buildExternalPubSubClaims,
  buildExternalServiceClaims,
  buildViewerClaims,
  EXTERNAL_JWT_TTL_SECONDS,
  type ExternalClaimsInput,
  type FrontendClaimsInput,
  opaqueIdFor,
  VIEWER_JWT_TTL_SECONDS,
  type ViewerKind,
} from "./jwt/payloads.ts";
export { signExtensionJwt } from "./jwt/sign.ts";
export {
  FRONTEND_ROLES,
  MAX_TOKEN_LENGTH,
  refuseRole,
  type TokenError,
  type VerifyOptions,
  type VerifyResult,
  verifyViewerToken,
} from "./jwt/verify.ts";
export { decodeExtensionSecret } from "./secrets/decode.ts";
export {
  createSecretRing,
  type ExtensionSecretInput,
  type RingSecret,
  type SecretRing,
  signingSecret,
  verifyingSecrets,
} from "./secrets/ring.ts";
