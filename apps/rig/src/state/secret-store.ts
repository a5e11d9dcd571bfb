import { randomBytes } from "node:crypto";
import type { Clock } from "@ext/shared";
import { createSecretRing, type SecretRing } from "@ext/shared/server";

/** One extension secret as the Extension Secrets API lists it. */
export interface StoredSecret {
  content: string;
  activeAt: number;
  expiresAt: number;
}

/** Twitch's minimum (and default) rotation delay, in seconds. */
export const MIN_ROTATION_DELAY_SECONDS = 300;
const HUNDRED_YEARS_MS = 100 * 365.25 * 24 * 60 * 60 * 1000;
/** How long an old secret still verifies after the new one is active (TWITCH.md: one more hour). */
export const OLD_SECRET_GRACE_MS = 60 * 60 * 1000;

/** The extension's secrets over time: rotation adds one and sets the older ones to expire. */
export interface SecretStore {
  list(): StoredSecret[];
  /** The ring Twitch verifies with now (built once per change). */
  ring(): SecretRing;
  /**
   * Creates a new secret active after `delaySeconds` and sets every older secret to expire one hour after
   * that (or earlier, if it already would), as the Secrets API's POST does.
   */
  rotate(delaySeconds: number): StoredSecret[];
}

export function createSecretStore(input: { initial: string; clock: Clock }): SecretStore {
  const created = input.clock() - 24 * 60 * 60 * 1000;
  let secrets: StoredSecret[] = [
    { content: input.initial, activeAt: created, expiresAt: created + HUNDRED_YEARS_MS },
  ];
  let ring = createSecretRing(secrets);
  const list = () => secrets.map((s) => ({ ...s }));
  return {
    list,
    ring: () => ring,
    rotate(delaySeconds) {
      const now = input.clock();
      const switchAt = now + delaySeconds * 1000;
      const older = secrets
        .filter((s) => s.expiresAt > now)
        .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt, switchAt + OLD_SECRET_GRACE_MS) }));
      const fresh = {
        content: randomBytes(32).toString("base64"),
        activeAt: switchAt,
        expiresAt: switchAt + HUNDRED_YEARS_MS,
      };
      secrets = [...older, fresh];
      ring = createSecretRing(secrets);
      return list();
    },
  };
}
