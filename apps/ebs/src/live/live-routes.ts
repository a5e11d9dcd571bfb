import { EBS_PATHS } from "@ext/shared";
import { fromStore } from "../actions/action-routes.ts";
import type { Authenticator } from "../http/authenticate.ts";
import type { Routes } from "../http/routes.ts";
import type { Live } from "./live.ts";

/**
 * `GET /api/live` (any frontend token of the channel): the channel's live state, read from the store, so a
 * panel that opens mid-stream shows it at once (PubSub replays nothing). `GET /api/live/dashboard`
 * (the broadcaster's token): what the live config view shows. The channel is the token's, never a parameter.
 */
export function addLiveRoutes(router: Routes, parts: { auth: Authenticator; live: Live }): void {
  const { auth, live } = parts;
  router.get(
    EBS_PATHS.live,
    auth.route({}, async (_req, res, claims) => {
      const state = await fromStore(live.state(claims.channel_id));
      res.setHeader("Cache-Control", "no-store");
      res.json(state);
    }),
  );
  router.get(
    EBS_PATHS.liveDashboard,
    auth.route({ roles: ["broadcaster"] }, async (_req, res, claims) => {
      const dashboard = await fromStore(live.dashboard(claims.channel_id));
      res.setHeader("Cache-Control", "no-store");
      res.json(dashboard);
    }),
  );
}
