/**
 * Browser-safe entry: types, schemas, limits, the chat text builder. Nothing here touches a secret.
 */
export * from "./api/delivery.ts";
export * from "./api/error-codes.ts";
export * from "./api/schemas.ts";
export * from "./api/settings.ts";
export * from "./chat/count.ts";
export * from "./chat/text.ts";
export * from "./clock.ts";
export * from "./diagnosis/channel-state.ts";
export * from "./diagnosis/codes.ts";
export * from "./errors.ts";
export * from "./helix/errors.ts";
export * from "./settings/broadcaster-settings.ts";
export * from "./twitch/claims.ts";
export * from "./twitch/constants.ts";
export * from "./twitch/ids.ts";
