import type { Clock } from "@ext/shared";
import type { SecretRing } from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { SecretStore } from "./secret-store.ts";

/** How often the secrets are read again: under Twitch's shortest rotation delay (300 s), so no switch is missed. */
export const SECRETS_SYNC_INTERVAL_MS = 4 * 60 * 1000;
/** Extra reads (a viewer token that matched no secret) happen at most this often. */
export const SECRETS_REFRESH_MIN_GAP_MS = 60 * 1000;

export interface SecretsSync {
  /** Reads the secrets once now, then every interval. Resolves after the first read, even a failed one. */
  start(): Promise<void>;
  /** Reads again now, unless a read happened less than a minute ago (e.g. after signature_invalid). */
  refreshSoon(reason: string): Promise<void>;
  stop(): void;
}

/**
 * Keeps a {@link SecretStore} current from the Extension Secrets API (TWITCH_SECRETS_SYNC=1). A failed read
 * keeps the secrets the EBS has and is logged without any secret.
 */
export function createSecretsSync(input: {
  store: SecretStore;
  /** Reads the secrets from Twitch (signed with the store's current ring). */
  fetchRing: () => Promise<SecretRing>;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  minGapMs?: number;
}): SecretsSync {
  const { store, clock, logger } = input;
  const minGapMs = input.minGapMs ?? SECRETS_REFRESH_MIN_GAP_MS;
  let timer: NodeJS.Timeout | undefined;
  let lastRead = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  function read(reason: string): Promise<void> {
    if (inFlight) return inFlight;
    lastRead = clock();
    inFlight = input
      .fetchRing()
      .then((ring) => {
        const before = store.ring().secrets.length;
        store.replace(ring);
        logger.info(
          { event: "secrets_synced", reason, secretCount: ring.secrets.length, previousCount: before },
          "extension secrets read from Twitch",
        );
      })
      .catch((error: unknown) => {
        logger.warn(
          { event: "secrets_sync_failed", reason, error: safeCause(error).message },
          "could not read the extension secrets; keeping the current ones",
        );
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    async start() {
      await read("start");
      timer = setInterval(() => void read("interval"), input.intervalMs ?? SECRETS_SYNC_INTERVAL_MS);
      timer.unref();
    },
    refreshSoon(reason) {
      if (inFlight) return inFlight;
      if (clock() - lastRead < minGapMs) return Promise.resolve();
      return read(reason);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
