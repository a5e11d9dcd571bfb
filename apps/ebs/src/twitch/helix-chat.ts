import { type Clock, explainChatRefusal } from "@ext/shared";
import { sendExtensionChatMessage } from "@ext/shared/server";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { appErrorFromHelix, type HelixClient, HelixError } from "./helix-client.ts";
import type { ChatMessage, ChatSender, ChatSendResult } from "./ports.ts";

const REFUSED = new Set([400, 401, 403, 404]);

/**
 * Sends chat through Helix "Send Extension Chat Message" (a fresh external JWT per call, signed by the
 * Helix client). Twitch's answers become {@link AppError}s: refusals 502 `chat_refused`, 429 503
 * `twitch_rate_limited`, failures 503 `twitch_unavailable`, each with what the status can mean.
 */
export function createHelixChatSender(input: {
  config: Pick<Config, "clientId" | "extensionVersion">;
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
}): ChatSender {
  const { config, helix, clock, logger } = input;
  return {
    async send(message: ChatMessage): Promise<ChatSendResult> {
      const call = sendExtensionChatMessage({
        clientId: config.clientId,
        version: config.extensionVersion,
        broadcasterId: message.broadcasterId,
        text: message.text,
      });
      const fields = { event: "chat_send", broadcasterId: message.broadcasterId };
      try {
        const answer = await helix.call(call);
        logger.info({ ...fields, status: answer.status, durationMs: answer.durationMs }, "chat message sent");
        return { rateLimit: answer.rateLimit };
      } catch (error) {
        if (error instanceof HelixError) {
          const { status, diagnosisCode, durationMs } = error;
          if (status === undefined) {
            logger.warn(
              { ...fields, status: null, durationMs, error: error.message },
              "chat send failed: Twitch did not answer",
            );
          } else {
            logger.warn({ ...fields, status, durationMs, diagnosisCode }, "chat send refused by Twitch");
            if (status < 500 && status !== 429 && !REFUSED.has(status)) {
              logger.warn({ event: "chat_send", status }, "Twitch answered chat with an unexpected status");
            }
          }
        }
        throw appErrorFromHelix(error, { refused: "chat_refused", explain: explainChatRefusal, clock });
      }
    },
  };
}
