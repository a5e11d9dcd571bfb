import { TWITCH_LIMITS } from "./limits.ts";

/**
 * Twitch's documented limits and fixed values (see shared/TWITCH.md): the server's paths and the limits. The
 * browser's code imports `TWITCH_LIMITS` instead, so the pages do not ship paths only the EBS calls.
 */
export const TWITCH = {
  apiBase: "https://api.twitch.tv",
  helperScriptUrl: "https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js",
  chatPath: "/helix/extensions/chat",
  pubsubPath: "/helix/extensions/pubsub",
  usersPath: "/helix/users",
  streamsPath: "/helix/streams",
  configurationsPath: "/helix/extensions/configurations",
  requiredConfigurationPath: "/helix/extensions/required_configuration",
  secretsPath: "/helix/extensions/jwt/secrets",
  oauthTokenPath: "/oauth2/token",
  bitsProductsPath: "/helix/bits/extensions",
  extensionTransactionsPath: "/helix/extensions/transactions",
  eventSubSubscriptionsPath: "/helix/eventsub/subscriptions",
  ...TWITCH_LIMITS,
} as const;

/** The origin Twitch serves an extension's hosted frontend from. */
export function extensionOrigin(clientId: string): string {
  return `https://${clientId}.ext-twitch.tv`;
}
