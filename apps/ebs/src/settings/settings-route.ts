import {
  SETTINGS_CHANGED_PATH,
  type SettingsChangedResponse,
  settingsChangedRequestSchema,
} from "@ext/shared";
import { verifyViewerToken } from "@ext/shared/server";
import express, { type Request, type Response } from "express";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { bearerToken } from "../http/bearer.ts";
import type { Routes } from "../http/routes.ts";
import type { BroadcasterSettingsSource } from "./helix-configuration.ts";
import { setRequiredConfiguration } from "./required-configuration.ts";

/** The segment content is at most 5 KB; JSON escaping can make it longer on the wire. */
const BODY_LIMIT = "32kb";

/**
 * `POST /api/settings/changed` (broadcaster's token, body `{ content }`: what the config view just set):
 * reads the channel's settings from Twitch again at once (again, briefly, until Twitch stored the save)
 * and, when the extension declares a required configuration and the saved settings are valid, tells Twitch
 * the channel meets it.
 */
export function addSettingsRoutes(router: Routes, deps: AppDeps, settings: BroadcasterSettingsSource): void {
  async function settingsChanged(req: Request, res: Response, channelId: string) {
    const body = settingsChangedRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      throw new AppError({
        code: "body_invalid",
        status: 400,
        message:
          'The body must be {"content": "<the broadcaster segment just set>"} (a string of at most 5 KB) or empty.',
      });
    }
    const { settings: current, saved, inUse } = await settings.refresh(channelId, body.data.content);
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
      inUse,
    };
    res.json(answer);
  }

  const readJson = express.json({ limit: BODY_LIMIT });
  router.post(SETTINGS_CHANGED_PATH, (req, res, next) => {
    // The token first: a body is read only for the channel's broadcaster.
    const verified = verifyViewerToken(bearerToken(req), deps.config.secrets, {
      clock: deps.clock,
      roles: ["broadcaster"],
    });
    if (!verified.ok) {
      throw new AppError({ code: verified.error.code, status: 401, message: verified.error.message });
    }
    readJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      settingsChanged(req, res, verified.claims.channel_id).catch(next);
    });
  });
}
