import type { Refusal } from "@ext/shared";
import { decodeJwt, refuse } from "@ext/shared/server";
import type { Request } from "express";
import type { IssuedToken, RigState } from "../state/rig-state.ts";
import { bearerToken } from "./body.ts";

/** What a JWT sent where an OAuth token belongs is, in words: the viewer's token or the EBS's own. */
function whichJwt(token: string): string {
  const decoded = decodeJwt(token);
  const role = decoded.ok ? (decoded.jwt.payload as { role?: unknown } | null)?.role : undefined;
  if (role === "viewer" || role === "broadcaster" || role === "moderator") {
    return `the viewer's token from onAuthorized (role "${role}")`;
  }
  if (role === "external") return "an extension JWT your EBS signed (role external)";
  return "a JWT";
}

/**
 * Judges the bearer of a Helix call that takes any OAuth token (Get Users, Get Streams: Twitch accepts an app or a
 * user access token there): a token the rig issued (an app access token from `/oauth2/token`, or a frontend's
 * helixToken) that has not expired, and a `Client-Id` equal to the client id it was issued to. A JWT where the token
 * belongs is named (the viewer's token or the EBS's own). `endpoint` names the call in the diagnosis.
 */
export function judgeOAuthBearer(
  req: Request,
  state: RigState,
  endpoint: string,
): { ok: true; token: IssuedToken } | Refusal {
  const header = req.get("authorization");
  if (!header) {
    return refuse(
      401,
      "auth_header_missing",
      "OAuth token is missing",
      "No Authorization header: get an app access token from POST /oauth2/token (client credentials) and send `Authorization: Bearer <token>`.",
    );
  }
  const token = bearerToken(header);
  const issued = token ? state.token(token) : undefined;
  if (!issued) {
    const looksLikeJwt = token?.split(".").length === 3;
    return refuse(
      401,
      "oauth_token_invalid",
      "Invalid OAuth token",
      looksLikeJwt
        ? `This is ${whichJwt(token as string)}: ${endpoint} takes an app access token from POST /oauth2/token (grant_type=client_credentials), not a JWT.`
        : 'The token is unknown or expired: fetch a new app access token from POST /oauth2/token (and send "Bearer <token>").',
    );
  }
  const clientId = req.get("client-id");
  if (!clientId) {
    return refuse(
      401,
      "client_id_missing",
      "Client-Id header required",
      "No Client-Id header: send `Client-Id: <your client id>` with the app access token.",
    );
  }
  if (clientId !== issued.clientId) {
    return refuse(
      401,
      "client_id_mismatch",
      "Client ID and OAuth token do not match",
      `Client-Id "${clientId}" is not the client id the token was issued to: send the extension's client id, the one that asked for the token.`,
    );
  }
  return { ok: true, token: issued };
}
