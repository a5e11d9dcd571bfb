import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";

/** What the server knows of a bearer token it issued: an app access token, or a user's (a helixToken). */
export interface KnownAccessToken {
  kind: "app" | "user";
  clientId: string;
}

/**
 * Judges the credentials of a Helix call that takes an **app access token of the extension's client id**
 * (Bits products, extension transactions, EventSub webhooks): a missing header, an extension JWT, a user
 * token (the frontend's helixToken), an unknown or expired token, a Client-Id missing or not the token's.
 * `lookup` finds the tokens the server issued.
 */
export function diagnoseAppTokenCall(input: {
  authorization: string | undefined;
  clientIdHeader: string | undefined;
  extensionClientId: string;
  endpoint: string;
  lookup: (token: string) => KnownAccessToken | undefined;
}): { ok: true } | Refusal {
  const how = `${input.endpoint} takes an app access token from POST /oauth2/token (grant_type=client_credentials with the extension's client id)`;
  if (!input.authorization) {
    return refuse(
      401,
      "auth_header_missing",
      "OAuth token is missing",
      `No Authorization header: ${how}, sent as "Bearer <token>".`,
    );
  }
  const token = /^Bearer (\S+)$/i.exec(input.authorization.trim())?.[1];
  if (token === undefined) {
    return refuse(
      401,
      "auth_header_malformed",
      "Invalid OAuth token",
      `The Authorization header must be exactly "Bearer <token>": ${how}.`,
    );
  }
  const known = input.lookup(token);
  if (!known) {
    return refuse(
      401,
      token.split(".").length === 3 ? "app_token_required" : "oauth_token_invalid",
      "Invalid OAuth token",
      token.split(".").length === 3
        ? `This is an extension JWT, not an OAuth token: ${how}.`
        : `The token is unknown or expired: ${how} (fetch a new one after a 401).`,
    );
  }
  if (known.kind !== "app") {
    return refuse(
      401,
      "app_token_required",
      "The access token must be an app access token",
      `This is a user access token (a frontend's helixToken): ${how}.`,
    );
  }
  if (!input.clientIdHeader) {
    return refuse(
      401,
      "client_id_missing",
      "Client-Id header required",
      "No Client-Id header: send `Client-Id: <the extension's client id>` with the app access token.",
    );
  }
  if (input.clientIdHeader !== known.clientId) {
    return refuse(
      401,
      "client_id_mismatch",
      "Client ID and OAuth token do not match",
      `Client-Id "${input.clientIdHeader}" is not the client id the token was issued to: send the extension's client id.`,
    );
  }
  if (known.clientId !== input.extensionClientId) {
    return refuse(
      403,
      "app_token_required",
      "The client ID must match the extension's client ID",
      `The app access token belongs to client "${known.clientId}", not to the extension "${input.extensionClientId}": ask for it with the extension's own client id and OAuth client secret.`,
    );
  }
  return { ok: true };
}
