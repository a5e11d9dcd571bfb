/**
 * What the EBS needs from Twitch, as interfaces: the delivery queue and the app depend on these, and the
 * Helix-backed implementations (`helix-chat.ts`, `users.ts`) or a test's fakes provide them.
 */

/** One chat message for one channel. */
export interface ChatMessage {
  broadcasterId: string;
  text: string;
}

/** What Twitch's answer said about the channel's chat limit, when it said it. */
export interface RateLimitHeaders {
  limit?: number | undefined;
  remaining?: number | undefined;
  resetAtSeconds?: number | undefined;
}

/** What Twitch's answer to a chat message said about the channel's chat limit. */
export interface ChatSendResult {
  rateLimit?: RateLimitHeaders;
}

/**
 * Posts one message to a channel's chat. Throws an {@link AppError} (`chat_refused`,
 * `twitch_rate_limited`, `twitch_unavailable`) when Twitch does not take it.
 */
export interface ChatSender {
  send(message: ChatMessage): Promise<ChatSendResult>;
}

/** Display names of Twitch users; undefined when unknown or when names cannot be looked up. */
export interface UserDirectory {
  displayName(userId: string): Promise<string | undefined>;
  /** Names of several users at once (cached ones first, then Get Users in calls of up to 100 ids). */
  displayNames(userIds: readonly string[]): Promise<Map<string, string | undefined>>;
}
