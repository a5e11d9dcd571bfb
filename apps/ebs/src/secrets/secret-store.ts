import type { SecretRing } from "@ext/shared/server";
import type { Config } from "../config.ts";

/**
 * The extension secrets the EBS verifies and signs with, read through `ring()` on every use so a sync can
 * swap them while the EBS runs. A swap replaces the whole ring at once: no caller sees half a rotation.
 */
export interface SecretStore {
  ring(): SecretRing;
  replace(ring: SecretRing): void;
}

export function createSecretStore(initial: SecretRing): SecretStore {
  let current = initial;
  return {
    ring: () => current,
    replace(ring) {
      current = ring;
    },
  };
}

/**
 * The config with `secrets` read from the store at each access, so code that reads `config.secrets` per
 * call (the token check, the chat sender) follows rotation without being rebuilt.
 */
export function withSecretStore(config: Config, store: SecretStore): Config {
  const live = { ...config };
  Object.defineProperty(live, "secrets", { get: () => store.ring(), enumerable: true });
  return live;
}
