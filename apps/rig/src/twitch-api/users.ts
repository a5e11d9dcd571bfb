import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { bearerToken, queryList } from "./body.ts";
import { sendRefusal } from "./refusal.ts";

const CREATED_AT = "2016-12-14T20:32:28Z";

/** `GET /helix/users`: Get Users with an app access token (or a frontend's helixToken). */
export function mountUsers(router: Router, state: RigState): void {
  router.get(TWITCH.usersPath, (req, res) => {
    const header = req.get("authorization");
    if (!header) {
      sendRefusal(
        res,
        refuse(
          401,
          "auth_header_missing",
          "OAuth token is missing",
          "No Authorization header: get an app access token from POST /oauth2/token (client credentials) and send `Authorization: Bearer <token>`.",
        ),
      );
      return;
    }
    const token = bearerToken(header);
    const issued = token ? state.token(token) : undefined;
    if (!issued) {
      const looksLikeJwt = token?.split(".").length === 3;
      sendRefusal(
        res,
        refuse(
          401,
          "oauth_token_invalid",
          "Invalid OAuth token",
          looksLikeJwt
            ? "This is an extension JWT: Get Users takes an app access token from POST /oauth2/token (grant_type=client_credentials), not a JWT."
            : 'The token is unknown or expired: fetch a new app access token from POST /oauth2/token (and send "Bearer <token>").',
        ),
      );
      return;
    }
    const clientId = req.get("client-id");
    if (!clientId) {
      sendRefusal(
        res,
        refuse(
          401,
          "client_id_missing",
          "Client-Id header required",
          "No Client-Id header: send `Client-Id: <your client id>` with the app access token.",
        ),
      );
      return;
    }
    if (clientId !== issued.clientId) {
      sendRefusal(
        res,
        refuse(
          401,
          "client_id_mismatch",
          "Client ID and OAuth token do not match",
          `Client-Id "${clientId}" is not the client id the token was issued to: send the extension's client id.`,
        ),
      );
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
