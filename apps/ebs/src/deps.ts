import type { ChatActor, Clock } from "@ext/shared";
import type { Logger } from "pino";
import type { Config } from "./config.ts";

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
}

/** A viewer's action, verified, on its way to chat. */
export interface ActionRequestToDeliver {
  broadcasterId: string;
  actor: ChatActor;
}

/**
 * Turns a verified action into a chat message and sends it. The direct implementation sends at once; a
 * delivery queue (per-channel limits, coalescing) implements the same interface.
 */
export interface ActionDelivery {
  deliver(action: ActionRequestToDeliver): Promise<{ text: string }>;
}

/** Everything `createApp` needs; `delivery` defaults to sending straight through `chat`. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  chat: ChatSender;
  users: UserDirectory;
  logger: Logger;
  delivery?: ActionDelivery;
}
