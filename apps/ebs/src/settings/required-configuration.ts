import { type Clock, TWITCH } from "@ext/shared";
import { buildExternalServiceClaims, signExtensionJwt } from "@ext/shared/server";
import type { AxiosInstance } from "axios";
import type { Config } from "../config.ts";
import { AppError, safeCause } from "../errors.ts";
import { createTwitchHttp } from "../twitch/http-client.ts";

/**
 * Tells Twitch a channel meets the extension's required configuration (Helix
 * `PUT /helix/extensions/required_configuration`), so the broadcaster can activate it. Only called when
 * `TWITCH_REQUIRED_CONFIGURATION` is set and the broadcaster's settings are valid.
 */
export async function setRequiredConfiguration(input: {
  config: Config;
  clock: Clock;
  broadcasterId: string;
  value: string;
  http?: AxiosInstance;
}): Promise<void> {
  const { config, clock } = input;
  const http = input.http ?? createTwitchHttp(config.twitchTimeoutMs);
  const url = new URL(TWITCH.requiredConfigurationPath, config.apiBase);
  url.searchParams.set("broadcaster_id", input.broadcasterId);
  const claims = buildExternalServiceClaims({
    ownerUserId: config.ownerUserId,
    channelId: input.broadcasterId,
    clock,
  });
  let status: number;
  try {
    const response = await http.put(
      url.toString(),
      {
        extension_id: config.clientId,
        extension_version: config.extensionVersion,
        required_configuration: input.value,
      },
      {
        headers: {
          Authorization: `Bearer ${signExtensionJwt(claims, config.secrets, clock)}`,
          "Client-Id": config.clientId,
          "Content-Type": "application/json",
        },
      },
    );
    status = response.status;
  } catch (error) {
    throw new AppError({
      code: "twitch_unavailable",
      status: 503,
      message:
        "Twitch could not be reached to record the channel's required configuration; save again later.",
      cause: safeCause(error),
    });
  }
  if (status !== 204) {
    throw new AppError({
      code: "chat_refused",
      status: 502,
      message: `Twitch answered ${status} when the EBS set the channel's required configuration: check the extension version and client id.`,
    });
  }
}
