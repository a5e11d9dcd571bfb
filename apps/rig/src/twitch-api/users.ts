import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { queryList } from "./body.ts";
import { judgeOAuthBearer } from "./oauth-bearer.ts";
import { sendRefusal } from "./refusal.ts";

const CREATED_AT = "2016-12-14T20:32:28Z";

/** `GET /helix/users`: Get Users with an app access token (or a frontend's helixToken). */
export function mountUsers(router: Router, state: RigState): void {
  router.get(TWITCH.usersPath, (req, res) => {
    const bearer = judgeOAuthBearer(req, state, "Get Users");
    if (!bearer.ok) {
      sendRefusal(res, bearer);
      return;
    }
    const ids = queryList(req.query.id);
    const logins = queryList(req.query.login).map((l) => l.toLowerCase());
    if (ids.length + logins.length === 0 || ids.length + logins.length > 100) {
      sendRefusal(
        res,
        refuse(
          400,
          "users_query_invalid",
          ids.length + logins.length === 0
            ? "Must provide an ID, Login or OAuth Token"
            : "The parameters must not exceed 100 in total",
          "Get Users with an app access token needs 1 to 100 id= or login= parameters (repeat the parameter: ?id=1&id=2).",
        ),
      );
      return;
    }
    const data = state
      .users()
      .filter((u) => ids.includes(u.id) || logins.includes(u.login))
      .map((u) => ({
        id: u.id,
        login: u.login,
        display_name: u.displayName,
        type: "",
        broadcaster_type: "",
        description: "",
        profile_image_url: "",
        offline_image_url: "",
        view_count: 0,
        created_at: CREATED_AT,
      }));
    res.json({ data });
  });
}
