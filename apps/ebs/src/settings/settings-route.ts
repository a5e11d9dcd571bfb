import { SETTINGS_CHANGED_PATH, type SettingsChangedResponse } from "@ext/shared";
import { verifyViewerToken } from "@ext/shared/server";
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { bearerToken } from "../http/bearer.ts";
import type { BroadcasterSettingsSource } from "./helix-configuration.ts";
import { setRequiredConfiguration } from "./required-configuration.ts";

/**
 * `POST /api/settings/changed` (broadcaster's token): reads the channel's settings from Twitch again at once
 * and, when the extension declares a required configuration and the saved settings are valid, tells Twitch
 * the channel meets it.
 */
export function createSettingsRouter(deps: AppDeps, settings: BroadcasterSettingsSource): Router {
  const router = Router();
  router.post(SETTINGS_CHANGED_PATH, async (req, res) => {
    const verified = verifyViewerToken(bearerToken(req), deps.config.secrets, {
      clock: deps.clock,
      roles: ["broadcaster"],
    });
    if (!verified.ok) {
      throw new AppError({ code: verified.error.code, status: 401, message: verified.error.message });
    }
    const channelId = verified.claims.channel_id;
    const { settings: current, saved } = await settings.refresh(channelId);
    const required = deps.config.requiredConfiguration;
    let requiredConfigurationSet = false;
    if (required !== undefined && saved) {
      await setRequiredConfiguration({
        config: deps.config,
        clock: deps.clock,
        broadcasterId: channelId,
        value: required,
      });
      requiredConfigurationSet = true;
      deps.logger.info(
        { event: "required_configuration_set", channelId },
        "channel meets the required configuration",
      );
    }
    const answer: SettingsChangedResponse = {
      status: "ok",
      chatEnabled: current.chatEnabled,
      template: current.template,
      requiredConfigurationSet,
    };
    res.json(answer);
  });
  return router;
}
