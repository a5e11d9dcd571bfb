import { describe, expect, it } from "vitest";
import { DEV_CONFIG, ebsEnvironment, PANEL_HEIGHT_LIMITS } from "../dev-extension.ts";
import { decodeExtensionSecret } from "../secrets/decode.ts";
import { isTwitchId } from "../twitch/ids.ts";

const { extension, channels, users } = DEV_CONFIG;

describe("the development extension", () => {
  it("has values shaped like the console's: a 30-character client id and client secret, a 32-byte secret", () => {
    expect(extension.clientId).toMatch(/^[a-z0-9]{30}$/);
    expect(extension.clientSecret).toMatch(/^[a-z0-9]{30}$/);
    expect(extension.clientSecret).not.toBe(extension.clientId);
    expect(decodeExtensionSecret(extension.secretBase64)).toHaveLength(32);
  });

  it("knows its owner and every channel's broadcaster as users with Twitch ids", () => {
    expect(users.every((u) => isTwitchId(u.id))).toBe(true);
    expect(users.find((u) => u.id === extension.ownerUserId)?.kind).toBe("owner");
    for (const channel of channels) {
      expect(users.find((u) => u.id === channel.broadcasterId)).toEqual({
        id: channel.broadcasterId,
        login: channel.login,
        displayName: channel.displayName,
        kind: "broadcaster",
      });
    }
  });
});

describe("the development extension's views", () => {
  it("declares the views the product has, with paths the console takes: relative, no scheme, no ..", () => {
    const { views } = extension;
    expect(Object.keys(views).sort()).toEqual(["config", "liveConfig", "mobile", "panel"]);
    for (const view of Object.values(views)) {
      expect(view.viewerPath).toMatch(/^[\w-]+(\/[\w-]+)*\.html$/);
    }
    expect(views.mobile?.viewerPath).toBe("mobile.html");
    expect(views.liveConfig?.viewerPath).toBe("live_config.html");
  });

  it("declares a panel height within the console's limits", () => {
    const height = extension.views.panel?.height ?? 0;
    expect(height).toBeGreaterThanOrEqual(PANEL_HEIGHT_LIMITS.min);
    expect(height).toBeLessThanOrEqual(PANEL_HEIGHT_LIMITS.max);
  });
});

describe("ebsEnvironment", () => {
  it("points the EBS's Twitch bases at the rig and passes the extension's values and required configuration", () => {
    const env = ebsEnvironment({ rigUrl: "http://127.0.0.1:8090", ebsPort: 8081, panelOrigin: "http://x" });
    expect(env).toMatchObject({
      TWITCH_CLIENT_ID: extension.clientId,
      TWITCH_OWNER_ID: extension.ownerUserId,
      TWITCH_EXTENSION_SECRET: extension.secretBase64,
      TWITCH_CLIENT_SECRET: extension.clientSecret,
      TWITCH_API_BASE: "http://127.0.0.1:8090",
      TWITCH_AUTH_BASE: "http://127.0.0.1:8090",
      TWITCH_REQUIRED_CONFIGURATION: extension.requiredConfiguration,
      PORT: "8081",
      ALLOWED_ORIGINS: "http://x",
      EVENTSUB_CALLBACK_URL: "http://127.0.0.1:8081/eventsub",
    });
    expect(env.EVENTSUB_SECRET?.length).toBeGreaterThanOrEqual(10);
  });

  it("declares no required configuration when the extension has none", () => {
    const config = { ...DEV_CONFIG, extension: { ...extension, requiredConfiguration: undefined } };
    const env = ebsEnvironment({ rigUrl: "http://r", ebsPort: 1, panelOrigin: "http://p", config });
    expect(env).not.toHaveProperty("TWITCH_REQUIRED_CONFIGURATION");
  });
});
