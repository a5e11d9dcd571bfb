/** Twitch's documented limits and fixed values (see shared/TWITCH.md). */
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
  /** Characters allowed in one extension chat message. */
  chatTextMax: 280,
  /** Chat messages an extension may send per channel per minute. */
  chatMessagesPerMinute: 12,
  /** Extension PubSub messages per extension and channel per minute. */
  pubsubMessagesPerMinute: 100,
  /** Largest configuration segment content, in bytes. */
  configurationContentMax: 5 * 1024,
  /** Largest Extension PubSub message, in bytes. */
  pubsubMessageMax: 5 * 1024,
  /** Panel frame size. */
  panelWidth: 318,
  panelMaxHeight: 496,
} as const;

/** The origin Twitch serves an extension's hosted frontend from. */
export function extensionOrigin(clientId: string): string {
  return `https://${clientId}.ext-twitch.tv`;
}
