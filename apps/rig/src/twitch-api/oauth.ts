import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import { APP_TOKEN_TTL_SECONDS, type RigState } from "../state/rig-state.ts";
import { readBody } from "./body.ts";
import { sendOAuthRefusal } from "./refusal.ts";

function param(name: string, query: Record<string, unknown>, body: unknown): string | undefined {
  const fromBody = (body as Record<string, unknown> | undefined)?.[name];
  const value = fromBody ?? query[name];
  return typeof value === "string" ? value : undefined;
}

/** `POST /oauth2/token` (id.twitch.tv): the client credentials grant, for app access tokens. */
export function mountOAuth(router: Router, state: RigState): void {
  router.post(TWITCH.oauthTokenPath, (req, res) => {
    const body = readBody(req);
    const query = req.query as Record<string, unknown>;
    const clientId = param("client_id", query, body);
    const clientSecret = param("client_secret", query, body);
    const grantType = param("grant_type", query, body);
    const { extension } = state;
    if (clientId !== extension.clientId) {
      sendOAuthRefusal(
        res,
        refuse(
          400,
          "oauth_client_unknown",
          "invalid client",
          clientId
            ? `client_id "${clientId}" is not this extension's client id: send the Client ID from the extension console.`
            : "No client_id: send client_id, client_secret and grant_type=client_credentials (form body or query).",
        ),
      );
      return;
    }
    if (clientSecret === undefined || clientSecret !== extension.clientSecret) {
      const isExtensionSecret =
        clientSecret !== undefined &&
        state.secrets.list().some((s) => s.content.trim() === clientSecret.trim());
      sendOAuthRefusal(
        res,
        isExtensionSecret
          ? refuse(
              403,
              "oauth_extension_secret_used",
              "invalid client secret",
              "client_secret is the Extension Secret (the base64 JWT key): OAuth wants the Client Secret (Extension console -> Settings -> Client Secret), a different value.",
            )
          : refuse(
              403,
              "oauth_client_secret_invalid",
              "invalid client secret",
              clientSecret
                ? "client_secret does not match this extension's OAuth Client Secret: copy it again (it changes when you generate a new one)."
                : "No client_secret: send the OAuth Client Secret with client_id and grant_type=client_credentials.",
            ),
      );
      return;
    }
    if (grantType !== "client_credentials") {
      sendOAuthRefusal(
        res,
        refuse(
          400,
          "oauth_grant_type_unsupported",
          grantType ? "unsupported grant type" : "missing grant type",
          `grant_type is ${JSON.stringify(grantType ?? null)}: an EBS asks for an app access token with grant_type=client_credentials.`,
        ),
      );
      return;
    }
    const issued = state.issueToken("app", APP_TOKEN_TTL_SECONDS);
    res.json({ access_token: issued.token, expires_in: APP_TOKEN_TTL_SECONDS, token_type: "bearer" });
  });
}
