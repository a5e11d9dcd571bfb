import { DEV_CONFIG, type DevConfig } from "./dev-extension.ts";

/** DEVELOPMENT ONLY. The EventSub webhook secret the EBS subscribes with against the rig (10-100 characters). */
export const DEV_EVENTSUB_SECRET = "rig-development-eventsub-secret";

/**
 * DEVELOPMENT ONLY. The EBS's environment for development against the rig: the development extension's
 * public values, Twitch's API and OAuth bases pointed at the rig, the panel's origin allowed, and
 * EventSub's webhook at this EBS.
 */
export function ebsEnvironment(input: {
  rigUrl: string;
  ebsPort: number;
  panelOrigin: string;
  config?: DevConfig;
}): Record<string, string> {
  const { extension } = input.config ?? DEV_CONFIG;
  return {
    TWITCH_CLIENT_ID: extension.clientId,
    TWITCH_EXTENSION_VERSION: extension.version,
    TWITCH_OWNER_ID: extension.ownerUserId,
    TWITCH_EXTENSION_SECRET: extension.secretBase64,
    TWITCH_CLIENT_SECRET: extension.clientSecret,
    TWITCH_API_BASE: input.rigUrl,
    TWITCH_AUTH_BASE: input.rigUrl,
    EXTENSION_NAME: extension.name,
    PORT: String(input.ebsPort),
    HOST: "127.0.0.1",
    ALLOWED_ORIGINS: input.panelOrigin,
    // Bits purchases by EventSub: the rig delivers to this EBS's webhook (http on 127.0.0.1 is fine there);
    // a public development value like the secrets above.
    EVENTSUB_CALLBACK_URL: `http://127.0.0.1:${input.ebsPort}/eventsub`,
    EVENTSUB_SECRET: DEV_EVENTSUB_SECRET,
    LOG_LEVEL: "info",
    NODE_ENV: "development",
    ...(extension.requiredConfiguration
      ? { TWITCH_REQUIRED_CONFIGURATION: extension.requiredConfiguration }
      : {}),
  };
}
