import { performance } from "node:perf_hooks";
import {
  type Clock,
  DIAGNOSIS_HEADERS,
  decodeDiagnosisHeader,
  epochSeconds,
  explainChatRefusal,
  helixErrorBodySchema,
} from "@ext/shared";
import { buildChatRequest, buildExternalChatClaims, signExtensionJwt } from "@ext/shared/server";
import type { AxiosInstance, AxiosResponse } from "axios";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { ChatMessage, ChatSender, ChatSendResult } from "../deps.ts";
import { AppError, safeCause } from "../errors.ts";
import { createTwitchHttp, numericHeader } from "./http-client.ts";

/** Seconds to wait after a 429 that carried no usable `Ratelimit-Reset`: Twitch's window is a minute. */
const DEFAULT_RETRY_SECONDS = 60;
const REFUSED = new Set([400, 401, 403, 404]);

function headerText(response: AxiosResponse, name: string): string | undefined {
  return decodeDiagnosisHeader(response.headers[name]);
}

/** Twitch's refusal in words: what the status can mean, Twitch's own message, and the rig's diagnosis. */
function refusalMessage(response: AxiosResponse): string {
  const parts = [explainChatRefusal(response.status)];
  const body = helixErrorBodySchema.safeParse(response.data);
  if (body.success && body.data.message) parts.push(`Twitch said: "${body.data.message}".`);
  const diagnosis = headerText(response, DIAGNOSIS_HEADERS.message);
  if (diagnosis) parts.push(`Diagnosis: ${diagnosis}`);
  return parts.join(" ");
}

function rateLimitOf(response: AxiosResponse): ChatSendResult["rateLimit"] {
  const headers = response.headers as Record<string, unknown>;
  return {
    limit: numericHeader(headers, "ratelimit-limit"),
    remaining: numericHeader(headers, "ratelimit-remaining"),
    resetAtSeconds: numericHeader(headers, "ratelimit-reset"),
  };
}

/**
 * Sends chat through Helix "Send Extension Chat Message": a fresh external JWT for each call (owner
 * user_id, role external, channel_id = broadcaster id, one-minute exp), ids as strings. Twitch's answers
 * become {@link AppError}s: refusals 502 `chat_refused`, 429 503 `twitch_rate_limited`, failures 503
 * `twitch_unavailable`.
 */
export function createHelixChatSender(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  http?: AxiosInstance;
}): ChatSender {
  const { config, clock, logger } = input;
  const http = input.http ?? createTwitchHttp();

  return {
    async send(message: ChatMessage): Promise<ChatSendResult> {
      const claims = buildExternalChatClaims({
        ownerUserId: config.ownerUserId,
        channelId: message.broadcasterId,
        clock,
      });
      const request = buildChatRequest({
        apiBase: config.apiBase,
        clientId: config.clientId,
        version: config.extensionVersion,
        broadcasterId: message.broadcasterId,
        text: message.text,
        externalJwt: signExtensionJwt(claims, config.secrets, clock),
      });
      const started = performance.now();
      const log = (fields: Record<string, unknown>, msg: string, level: "info" | "warn" = "info") =>
        logger[level](
          {
            event: "chat_send",
            broadcasterId: message.broadcasterId,
            durationMs: Math.round(performance.now() - started),
            ...fields,
          },
          msg,
        );

      let response: AxiosResponse;
      try {
        response = await http.request({
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
        });
      } catch (error) {
        const cause = safeCause(error);
        log({ status: null, error: cause.message }, "chat send failed: Twitch did not answer", "warn");
        throw new AppError({
          code: "twitch_unavailable",
          status: 503,
          message: "Twitch could not be reached or did not answer in time; try again in a moment.",
          cause,
        });
      }

      const { status } = response;
      if (status >= 200 && status < 300) {
        log({ status }, "chat message sent");
        return { rateLimit: rateLimitOf(response) };
      }
      const diagnosisCode = headerText(response, DIAGNOSIS_HEADERS.code);
      log({ status, diagnosisCode }, "chat send refused by Twitch", "warn");
      if (status === 429) {
        const reset = rateLimitOf(response)?.resetAtSeconds;
        const retryAfterSeconds =
          reset === undefined ? DEFAULT_RETRY_SECONDS : Math.max(1, Math.ceil(reset - epochSeconds(clock)));
        throw new AppError({
          code: "twitch_rate_limited",
          status: 503,
          message: `${explainChatRefusal(429)} Try again in ${retryAfterSeconds} s.`,
          retryAfterSeconds,
        });
      }
      if (status >= 500) {
        throw new AppError({
          code: "twitch_unavailable",
          status: 503,
          message: refusalMessage(response),
        });
      }
      if (!REFUSED.has(status)) {
        logger.warn({ event: "chat_send", status }, "Twitch answered chat with an unexpected status");
      }
      throw new AppError({ code: "chat_refused", status: 502, message: refusalMessage(response) });
    },
  };
}
