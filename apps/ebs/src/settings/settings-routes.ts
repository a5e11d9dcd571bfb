import {
  EBS_PATHS,
  type SettingsChangedResponse,
  settingsChangedRequestSchema,
  type ViewerClaims,
} from "@ext/shared";
import type { Request, Response } from "express";
import { AppError } from "../app-error.ts";
import type { AppDeps } from "../deps.ts";
import type { Authenticator } from "../http/authenticate.ts";
import { jsonBody } from "../http/json-body.ts";
import type { Routes } from "../http/routes.ts";
import type { HelixClient } from "../twitch/helix-client.ts";
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
export function addSettingsRoutes(
  router: Routes,
  deps: AppDeps,
  parts: { auth: Authenticator; settings: BroadcasterSettingsSource; helix: HelixClient },
): void {
  const { auth, settings, helix } = parts;
  async function settingsChanged(req: Request, res: Response, claims: ViewerClaims) {
    const channelId = claims.channel_id;
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
        helix,
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

  // A body is read only once the token is the channel's broadcaster's.
  router.post(
    EBS_PATHS.settingsChanged,
    auth.route({ roles: ["broadcaster"], body: jsonBody(BODY_LIMIT) }, settingsChanged),
  );
}
