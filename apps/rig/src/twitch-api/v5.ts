import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import { sendRefusal } from "./refusal.ts";

/** The removed v5 chat path: answered as Twitch does today, with a diagnosis that points to Helix. */
export function mountRemovedV5Chat(router: Router): void {
  router.all("/extensions/:clientId/:version/channels/:channelId/chat", (req, res) => {
    const { channelId } = req.params;
    sendRefusal(
      res,
      refuse(
        404,
        "endpoint_removed",
        "The v5 API is shut down",
        `This v5 endpoint went away with the v5 API shutdown (28 February 2022): call POST /helix/extensions/chat?broadcaster_id=${channelId} with a JSON body {text, extension_id, extension_version} and the same external JWT and Client-Id.`,
      ),
    );
  });
}
