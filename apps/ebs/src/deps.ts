import type { Clock } from "@ext/shared";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { Cooldowns } from "./delivery/cooldowns.ts";
import type { DeliveryQueue } from "./delivery/delivery-queue.ts";
import type { Scheduler } from "./delivery/scheduler.ts";
import type { BroadcasterSettingsSource } from "./settings/helix-configuration.ts";

/** One chat message for one channel. */
export interface ChatMessage {
  broadcasterId: string;
  text: string;
}

/** What Twitch's answer said about the channel's chat limit, when it said it. */
export interface ChatSendResult {
  rateLimit?: { limit?: number; remaining?: number; resetAtSeconds?: number };
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

/** Everything `createApp` needs; `delivery` defaults to an in-memory queue over `chat` and `users`. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  chat: ChatSender;
  users: UserDirectory;
  logger: Logger;
  /** Timers of the delivery queue, the cooldowns and the long-poll; real ones by default. */
  scheduler?: Scheduler;
  delivery?: DeliveryQueue;
  /** The per-viewer cooldown; defaults to an in-memory one of `config.viewerCooldownSeconds`. */
  cooldowns?: Cooldowns;
  /** How long `GET /api/actions/:id` waits for a queued action to change (default 20 s). */
  longPollMs?: number;
  /** Each channel's broadcaster settings (chat on/off, template); absent: every channel has the defaults. */
  settings?: BroadcasterSettingsSource;
  /** Called when a viewer token matches no secret: the secrets sync reads Twitch's list again (rate-limited). */
  onSignatureInvalid?: () => void;
}
