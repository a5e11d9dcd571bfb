import { type Clock, TWITCH } from "@ext/shared";
import {
  buildExternalServiceClaims,
  createSecretRing,
  type SecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
import type { AxiosInstance } from "axios";
import { z } from "zod";

const secretsResponseSchema = z.object({
  data: z
    .array(
      z.object({
        secrets: z
          .array(z.object({ content: z.string(), active_at: z.string(), expires_at: z.string() }))
          .min(1),
      }),
    )
    .min(1),
});

/**
 * Reads the extension's current secrets from Helix `GET /helix/extensions/jwt/secrets` with an external JWT
 * signed with a secret the EBS already has, and builds the ring from them (windows included, so the secret
 * TWITCH.md names signs: of the active ones, the one that expires last).
 */
export async function fetchSecretRing(input: {
  apiBase: string;
  clientId: string;
  ownerUserId: string;
  current: SecretRing;
  clock: Clock;
  http: AxiosInstance;
}): Promise<SecretRing> {
  const url = new URL(TWITCH.secretsPath, input.apiBase);
  url.searchParams.set("extension_id", input.clientId);
  const jwt = signExtensionJwt(
    buildExternalServiceClaims({ ownerUserId: input.ownerUserId, clock: input.clock }),
    input.current,
    input.clock,
  );
  const response = await input.http.get(url.toString(), {
    headers: { Authorization: `Bearer ${jwt}`, "Client-Id": input.clientId },
  });
  if (response.status !== 200) {
    const diagnosis = response.headers["x-rig-diagnosis-code"];
    throw new Error(
      `Twitch answered ${response.status} to GET ${TWITCH.secretsPath}${typeof diagnosis === "string" ? ` (${diagnosis})` : ""}`,
    );
  }
  const parsed = secretsResponseSchema.safeParse(response.data);
  if (!parsed.success) throw new Error(`GET ${TWITCH.secretsPath} answered an unexpected body`);
  const secrets = parsed.data.data.flatMap((d) => d.secrets);
  return createSecretRing(
    secrets.map((s) => ({ content: s.content, activeAt: s.active_at, expiresAt: s.expires_at })),
  );
}
