import type { Clock } from "@ext/shared";
import { setRequiredConfiguration as setRequiredConfigurationCall } from "@ext/shared/server";
import type { AppError } from "../app-error.ts";
import type { Config } from "../config.ts";
import { appErrorFromHelix, type HelixClient } from "../twitch/helix-client.ts";

function explain(status: number): string {
  if (status === 404) {
    return "Twitch found no record when the EBS set the channel's required configuration: check TWITCH_EXTENSION_VERSION is the version installed on the channel and TWITCH_CLIENT_ID is this extension's.";
  }
  if (status === 401 || status === 403) {
    return "Twitch refused the EBS's authentication when it set the channel's required configuration: check the extension secret and the owner id (pnpm run doctor).";
  }
  return `Twitch answered ${status} when the EBS set the channel's required configuration (TWITCH_REQUIRED_CONFIGURATION must be the string the version declares).`;
}

/**
 * Tells Twitch a channel meets the extension's required configuration (Helix
 * `PUT /helix/extensions/required_configuration`), so the broadcaster can activate it. Only called when
 * `TWITCH_REQUIRED_CONFIGURATION` is set and the broadcaster's settings are valid. A refusal throws
 * {@link AppError} `required_configuration_refused`; Twitch unreachable, `twitch_unavailable`.
 */
export async function setRequiredConfiguration(input: {
  config: Pick<Config, "clientId" | "extensionVersion">;
  helix: HelixClient;
  clock: Clock;
  broadcasterId: string;
  value: string;
}): Promise<void> {
  const { config, helix, clock } = input;
  try {
    await helix.call(
      setRequiredConfigurationCall({
        clientId: config.clientId,
        version: config.extensionVersion,
        broadcasterId: input.broadcasterId,
        value: input.value,
      }),
    );
  } catch (error) {
    throw appErrorFromHelix(error, { refused: "required_configuration_refused", explain, clock });
  }
}
