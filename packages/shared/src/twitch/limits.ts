/** Twitch's documented limits (see shared/TWITCH.md) that the browser's code needs too; also in `TWITCH`. */
export const TWITCH_LIMITS = {
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
