import { createSecretRing, getExtensionSecrets, type SecretRing } from "@ext/shared/server";
import type { HelixClient } from "../twitch/helix-client.ts";

/**
 * Reads the extension's current secrets from Helix `GET /helix/extensions/jwt/secrets` (the Helix client
 * signs the call with a secret the EBS already has) and builds the ring from them, windows included, so
 * the secret TWITCH.md names signs: of the active ones, the one that expires last. Failures throw a
 * {@link HelixError} (with the rig's diagnosis code when there is one).
 */
export async function fetchSecretRing(input: { clientId: string; helix: HelixClient }): Promise<SecretRing> {
  const answer = await input.helix.call(getExtensionSecrets({ clientId: input.clientId }));
  const secrets = answer.data.data.flatMap((d) => d.secrets);
  return createSecretRing(
    secrets.map((s) => ({ content: s.content, activeAt: s.active_at, expiresAt: s.expires_at })),
  );
}
