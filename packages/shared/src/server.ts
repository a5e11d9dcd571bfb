/**
 * Server entry: secrets, signing, verifying, request builders. Never bundle it into a frontend.
 */

export * from "./diagnosis/chat-call.ts";
export * from "./diagnosis/explain-jwt.ts";
export * from "./diagnosis/external-jwt.ts";
export * from "./diagnosis/pubsub-call.ts";
export * from "./diagnosis/time-words.ts";
export * from "./helix/chat-request.ts";
export * from "./jwt/decode.ts";
export * from "./jwt/payloads.ts";
export * from "./jwt/sign.ts";
export * from "./jwt/verify.ts";
export * from "./secrets/decode.ts";
export * from "./secrets/ring.ts";
