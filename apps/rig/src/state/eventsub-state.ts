import { randomUUID } from "node:crypto";
import {
  BITS_TRANSACTION_EVENT,
  type Clock,
  type EventSubStatus,
  type EventSubSubscription,
} from "@ext/shared";
import type { RigCallbackRule } from "@ext/shared/server";

/**
 * Live subscriptions (enabled or pending) one extension may hold. Twitch forbids "creating the same subscription
 * more than three times", a duplicate being one with the same type, version and condition (RFC 0014, EventSub
 * subscription limit changes, discuss.dev.twitch.com/t/30312); the rig serves one type for one condition, so
 * three is the whole bound.
 */
export const MAX_LIVE_SUBSCRIPTIONS = 3;
/**
 * Ended subscriptions (failed, revoked) still listed when a new one is created; the oldest are forgotten then,
 * so a loop of subscriptions that fail verification cannot grow the rig's memory (a rig bound, not Twitch's).
 */
export const ENDED_SUBSCRIPTIONS_KEPT = 10;

/** A subscription and what only the rig knows of it: the secret, the deliveries that failed in a row. */
export interface StoredSubscription {
  subscription: EventSubSubscription;
  secret: string;
  failuresInARow: number;
  /** What the rig accepted that Twitch would refuse (an http callback on this machine). */
  warning?: string;
}

/** Why a subscription was not created: an identical live one exists, or the extension holds the most it may. */
export type CreateResult =
  | { created: EventSubSubscription }
  | { refused: "duplicate" }
  | { refused: "limit"; live: number };

/** The EventSub webhook subscriptions the rig holds (only `extension.bits_transaction.create`). */
export interface EventSubState {
  /** The hosts the rig may deliver to besides this machine (RIG_EVENTSUB_HOSTS). */
  readonly callbackRule: RigCallbackRule;
  create(input: { clientId: string; callback: string; secret: string; warning?: string }): CreateResult;
  list(): EventSubSubscription[];
  get(id: string): StoredSubscription | undefined;
  setStatus(id: string, status: EventSubStatus): EventSubSubscription | undefined;
  /** Counts a notification whose every attempt failed (0 resets after a success); answers the new count. */
  countFailure(id: string, failed: boolean): number;
  remove(id: string): boolean;
}

/** Subscriptions a status other than these no longer receive anything, as on Twitch. */
const LIVE: readonly EventSubStatus[] = ["enabled", "webhook_callback_verification_pending"];

export function isLiveSubscription(subscription: EventSubSubscription): boolean {
  return LIVE.includes(subscription.status);
}

export function createEventSubState(
  clock: Clock,
  callbackRule: RigCallbackRule = { allowedHosts: [] },
): EventSubState {
  const subscriptions = new Map<string, StoredSubscription>();
  const copy = (s: EventSubSubscription) => structuredClone(s);
  const forgetOldEnded = () => {
    const ended = [...subscriptions.values()].filter((s) => !isLiveSubscription(s.subscription));
    for (const old of ended.slice(0, Math.max(0, ended.length - ENDED_SUBSCRIPTIONS_KEPT))) {
      subscriptions.delete(old.subscription.id);
    }
  };
  return {
    callbackRule: { allowedHosts: [...callbackRule.allowedHosts] },
    create({ clientId, callback, secret, warning }) {
      const live = [...subscriptions.values()].filter(
        (s) =>
          isLiveSubscription(s.subscription) && s.subscription.condition.extension_client_id === clientId,
      );
      if (live.some((s) => s.subscription.transport.callback === callback)) return { refused: "duplicate" };
      if (live.length >= MAX_LIVE_SUBSCRIPTIONS) return { refused: "limit", live: live.length };
      const subscription: EventSubSubscription = {
        id: randomUUID(),
        status: "webhook_callback_verification_pending",
        ...BITS_TRANSACTION_EVENT,
        condition: { extension_client_id: clientId },
        transport: { method: "webhook", callback },
        created_at: new Date(clock()).toISOString(),
        cost: 0,
      };
      subscriptions.set(subscription.id, {
        subscription,
        secret,
        failuresInARow: 0,
        ...(warning ? { warning } : {}),
      });
      forgetOldEnded();
      return { created: copy(subscription) };
    },
    list: () => [...subscriptions.values()].map((s) => copy(s.subscription)),
    get: (id) => subscriptions.get(id),
    setStatus(id, status) {
      const found = subscriptions.get(id);
      if (!found) return undefined;
      found.subscription.status = status;
      return copy(found.subscription);
    },
    countFailure(id, failed) {
      const found = subscriptions.get(id);
      if (!found) return 0;
      found.failuresInARow = failed ? found.failuresInARow + 1 : 0;
      return found.failuresInARow;
    },
    remove: (id) => subscriptions.delete(id),
  };
}
