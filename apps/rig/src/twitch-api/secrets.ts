import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { MIN_ROTATION_DELAY_SECONDS, type StoredSecret } from "../state/secret-store.ts";
import { authorizeExternal } from "./external-auth.ts";
import { sendRefusal } from "./refusal.ts";

/** The Extension Secrets API's answer: the secrets not yet expired, with ISO dates. */
export function secretsBody(secrets: StoredSecret[], now: number) {
  return {
    data: [
      {
        format_version: 1,
        secrets: secrets
          .filter((s) => s.expiresAt > now)
          .map((s) => ({
            content: s.content,
            active_at: new Date(s.activeAt).toISOString(),
            expires_at: new Date(s.expiresAt).toISOString(),
          })),
      },
    ],
  };
}

/** `GET` and `POST /helix/extensions/jwt/secrets`: list, and rotate with a delay (at least 300 s). */
export function mountSecrets(router: Router, state: RigState): void {
  router.get(TWITCH.secretsPath, (req, res) => {
    if (!authorizeExternal(req, res, { state, extensionId: req.query.extension_id })) return;
    res.json(secretsBody(state.secrets.list(), state.clock()));
  });

  router.post(TWITCH.secretsPath, (req, res) => {
    if (!authorizeExternal(req, res, { state, extensionId: req.query.extension_id })) return;
    const raw = req.query.delay;
    const delay = raw === undefined ? MIN_ROTATION_DELAY_SECONDS : Number(raw);
    if (typeof raw === "object" || !Number.isInteger(delay) || delay < MIN_ROTATION_DELAY_SECONDS) {
      sendRefusal(
        res,
        refuse(
          400,
          "secrets_delay_invalid",
          'Invalid parameter "delay"',
          `delay is ${JSON.stringify(raw)}: it is a whole number of seconds, at least ${MIN_ROTATION_DELAY_SECONDS} (the default), so every EBS instance can pick up the new secret in time.`,
        ),
      );
      return;
    }
    res.json(secretsBody(state.secrets.rotate(delay), state.clock()));
  });
}
