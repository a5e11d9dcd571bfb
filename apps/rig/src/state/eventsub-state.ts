import { randomUUID } from "node:crypto";
import {
  BITS_TRANSACTION_EVENT,
  type Clock,
  type EventSubStatus,
  type EventSubSubscription,
} from "@ext/shared";

/** A subscription and what only the rig knows of it: the secret, the deliveries that failed in a row. */
export interface StoredSubscription {
  subscription: EventSubSubscription;
  secret: string;
  failuresInARow: number;
}

/** The EventSub webhook subscriptions the rig holds (only `extension.bits_transaction.create`). */
export interface EventSubState {
  /** Undefined when an identical subscription (type, condition, callback) already exists. */
  create(input: { clientId: string; callback: string; secret: string }): EventSubSubscription | undefined;
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

export function createEventSubState(clock: Clock): EventSubState {
  const subscriptions = new Map<string, StoredSubscription>();
  const copy = (s: EventSubSubscription) => structuredClone(s);
  return {
    create({ clientId, callback, secret }) {
      const duplicate = [...subscriptions.values()].some(
        (s) =>
          isLiveSubscription(s.subscription) &&
          s.subscription.condition.extension_client_id === clientId &&
          s.subscription.transport.callback === callback,
      );
      if (duplicate) return undefined;
      const subscription: EventSubSubscription = {
        id: randomUUID(),
        status: "webhook_callback_verification_pending",
        ...BITS_TRANSACTION_EVENT,
        condition: { extension_client_id: clientId },
        transport: { method: "webhook", callback },
        created_at: new Date(clock()).toISOString(),
        cost: 0,
      };
      subscriptions.set(subscription.id, { subscription, secret, failuresInARow: 0 });
      return copy(subscription);
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
