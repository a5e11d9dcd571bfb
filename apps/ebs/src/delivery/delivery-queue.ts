import { randomUUID } from "node:crypto";
import { type ActionKind, type ApiErrorCode, buildChatText, type ChatActor, type Clock } from "@ext/shared";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import { chatRefusal } from "../live/chat-refusal.ts";
import type { Live } from "../live/live.ts";
import type { SentHypers } from "../store/live-store.ts";
import type { ChatSender, UserDirectory } from "../twitch/ports.ts";
import { type ActionRecord, type ActionStore, createActionStore } from "./action-store.ts";
import { DEFAULT_RETRY, type RetryPolicy } from "./backoff.ts";
import { batchTemplate, DEFAULT_KIND_RULES, type KindRules, takeBatch } from "./batches.ts";
import { logFailurePlan, planFailure } from "./failure-plan.ts";
import { type ChatLimits, createRateGate, type RateGate, TWITCH_CHAT_LIMITS } from "./rate-gate.ts";
import type { Scheduler } from "./scheduler.ts";

/** A verified viewer action to put in a channel's chat. */
export interface ActionToQueue {
  kind: ActionKind;
  channelId: string;
  opaqueUserId: string;
  /** Present when the viewer shared identity: chat may name them. */
  userId?: string | undefined;
  /** The channel's template for this kind when the action was accepted (the broadcaster's settings). */
  template?: string | undefined;
  /** The action's id when the caller chose it first (a Bits purchase's, written in the ledger); else a new UUID. */
  id?: string | undefined;
}

interface Pending {
  id: string;
  kind: ActionKind;
  userId: string | undefined;
  template: string | undefined;
  failures: number;
}

interface Channel {
  id: string;
  pending: Pending[];
  gate: RateGate;
  sending: boolean;
  cancelTimer: (() => void) | undefined;
}

/**
 * The EBS's delivery: per-channel queues that never exceed Twitch's chat limit, coalesce what is pending
 * of one kind into one message per send (every action counted in the text; a kind that does not coalesce
 * gets a message each), retry what retrying can fix, and say what became of each action.
 */
export interface DeliveryQueue {
  /** False once shutdown began: the route answers 503. */
  readonly accepting: boolean;
  /** The action's id; a shared-store queue answers once the action is stored (a promise). */
  enqueue(action: ActionToQueue): string | Promise<string>;
  /**
   * Queues the action unless one was already queued under `onceKey` (a Bits transaction id), so running it
   * twice, or on two instances at once, queues one: in the Redis mode the mark is written in the script
   * that pushes, in the channel's slot, and kept; in memory it lasts as long as the process (and the queue).
   * `id` is the action held under the key: this one's when `queued`, else the first one's.
   */
  enqueueOnce(
    action: ActionToQueue & { id: string },
    onceKey: string,
  ): Promise<{ id: string; queued: boolean }>;
  /** The action's record; `channelId` is the asking viewer's channel (a shared store keeps statuses by channel). */
  status(actionId: string, channelId: string): ActionRecord | undefined | Promise<ActionRecord | undefined>;
  /**
   * The status once the action is no longer queued, or after `timeoutMs`. Called to answer the action's own
   * viewer: the in-memory queue then keeps a finished status only a short while more.
   */
  waitForChange(actionId: string, channelId: string, timeoutMs: number): Promise<ActionRecord | undefined>;
  /**
   * Stops accepting and sends what is queued within `timeoutMs`; what is left is marked failed and logged.
   * A shared-store queue hands what it holds back to the store instead (`handedBack`) for other instances.
   */
  drain(timeoutMs: number): Promise<{ undelivered: number; handedBack?: number }>;
  /** Actions waiting or being sent, over all channels. */
  backlog(): number;
}

export interface DeliveryQueueOptions {
  chat: ChatSender;
  users: UserDirectory;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  limits?: ChatLimits;
  retry?: RetryPolicy;
  /** Helix chat calls in flight at once, over all channels. */
  maxInFlight?: number;
  /** [0, 1) for the backoff's jitter. */
  random?: () => number;
  /** How each kind of action is announced (default: shared's `ACTION_KINDS`). */
  kinds?: KindRules;
  /** The live state: told of each message Twitch took (to count it) and of each refusal. */
  live?: Live;
}

/**
 * Names looked up for one message: 280 characters never hold more (and one Get Users call takes 100 ids);
 * the others are counted ("and 900 others"), which also keeps building the text cheap for huge batches.
 */
export const MAX_NAMED_PER_MESSAGE = 100;

/**
 * The actors of one message, in the order of `userIds` (undefined: a viewer who did not share identity):
 * the first {@link MAX_NAMED_PER_MESSAGE} distinct ids are named through one Get Users lookup; when names
 * cannot be looked up, everyone gets neutral wording.
 */
export async function chatActors(input: {
  users: UserDirectory;
  logger: Logger;
  userIds: readonly (string | undefined)[];
}): Promise<ChatActor[]> {
  const { users, logger, userIds } = input;
  const ids = [...new Set(userIds.filter((id): id is string => id !== undefined))].slice(
    0,
    MAX_NAMED_PER_MESSAGE,
  );
  let names = new Map<string, string | undefined>();
  if (ids.length > 0) {
    try {
      names = await users.displayNames(ids);
    } catch (error) {
      logger.warn(
        { event: "display_name_lookup_failed", users: ids.length, error: safeCause(error).message },
        "display name lookup failed: using neutral wording",
      );
    }
  }
  return userIds.map((id) => ({ displayName: id !== undefined ? names.get(id) : undefined }));
}

/** The hypers of one message Twitch took at `now`: each action's kind and the name chat showed (null: none). */
export function sentHypers(
  batch: readonly { kind: ActionKind }[],
  actors: readonly ChatActor[],
  now: number,
): SentHypers {
  const at = new Date(now).toISOString();
  return {
    at,
    hypers: batch.map((action, i) => ({
      displayName: actors[i]?.displayName ?? null,
      kind: action.kind,
      at,
    })),
  };
}

export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const { chat, users, clock, scheduler, logger, live } = options;
  const limits = options.limits ?? TWITCH_CHAT_LIMITS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const maxInFlight = options.maxInFlight ?? 32;
  const random = options.random ?? Math.random;
  const kinds = options.kinds ?? DEFAULT_KIND_RULES;
  const store: ActionStore = createActionStore({ clock, scheduler });
  const channels = new Map<string, Channel>();
  /** `enqueueOnce`'s keys and the action queued under each (Bits purchases: few, kept with the queue). */
  const queuedOnce = new Map<string, string>();
  const waitingForSlot = new Set<Channel>();
  const idleWaiters = new Set<() => void>();
  let inFlight = 0;
  let accepting = true;

  const backlog = () => {
    let n = 0;
    for (const ch of channels.values()) n += ch.pending.length;
    return n + inFlightActions;
  };
  let inFlightActions = 0;

  function notifyIdle() {
    if (backlog() > 0) return;
    for (const fn of idleWaiters) fn();
    idleWaiters.clear();
  }

  function channel(id: string): Channel {
    let ch = channels.get(id);
    if (!ch) {
      ch = {
        id,
        pending: [],
        gate: createRateGate(limits),
        sending: false,
        cancelTimer: undefined,
      };
      channels.set(id, ch);
    }
    return ch;
  }

  function kick(ch: Channel) {
    if (ch.sending || ch.cancelTimer) return;
    const now = clock();
    if (ch.pending.length === 0) {
      if (ch.gate.idle(now)) channels.delete(ch.id);
      return;
    }
    const wait = ch.gate.waitMs(now);
    if (wait > 0) {
      ch.cancelTimer = scheduler.setTimeout(() => {
        ch.cancelTimer = undefined;
        kick(ch);
      }, wait);
      return;
    }
    if (inFlight >= maxInFlight) {
      waitingForSlot.add(ch);
      return;
    }
    void send(ch);
  }

  const idsOf = (batch: Pending[]) => batch.map((a) => a.id);
  const actorsOf = (batch: Pending[]) => chatActors({ users, logger, userIds: batch.map((a) => a.userId) });

  function fail(batch: Pending[], error: { code: ApiErrorCode; message: string }) {
    store.finish(idsOf(batch), { status: "failed", error });
  }

  async function send(ch: Channel) {
    const batch = takeBatch(ch.pending, kinds);
    ch.sending = true;
    inFlight++;
    inFlightActions += batch.length;
    const started = clock();
    ch.gate.record(started);
    try {
      const actors = await actorsOf(batch);
      const text = buildChatText({ actors, template: batchTemplate(batch, kinds) });
      const result = await chat.send({ broadcasterId: ch.id, text });
      ch.gate.follow(result.rateLimit, clock());
      store.finish(idsOf(batch), { status: "sent", text });
      live?.countSent(ch.id, sentHypers(batch, actors, clock()));
      logger.info(
        { event: "chat_delivered", broadcasterId: ch.id, actions: batch.length },
        "chat message delivered",
      );
    } catch (error) {
      const plan = planFailure({ error, batch, now: clock(), retry, windowMs: limits.windowMs, random });
      const refusal = live ? chatRefusal(plan, error, clock()) : undefined;
      if (refusal) live?.refused(ch.id, refusal);
      fail(plan.failed, plan.error);
      if (plan.blockUntil !== undefined) ch.gate.blockUntil(plan.blockUntil);
      ch.pending.unshift(...plan.again);
      logFailurePlan(logger, { broadcasterId: ch.id, plan, maxAttempts: retry.maxAttempts });
    } finally {
      inFlight--;
      inFlightActions -= batch.length;
      ch.sending = false;
      kick(ch);
      for (const waiting of waitingForSlot) {
        if (inFlight >= maxInFlight) break;
        waitingForSlot.delete(waiting);
        kick(waiting);
      }
      notifyIdle();
    }
  }

  function enqueue(action: ActionToQueue): string {
    const id = action.id ?? randomUUID();
    store.add({ id, channelId: action.channelId, opaqueUserId: action.opaqueUserId });
    const ch = channel(action.channelId);
    ch.pending.push({
      id,
      kind: action.kind,
      userId: action.userId,
      template: action.template,
      failures: 0,
    });
    kick(ch);
    return id;
  }

  return {
    get accepting() {
      return accepting;
    },
    enqueue,
    async enqueueOnce(action, onceKey) {
      const held = queuedOnce.get(onceKey);
      if (held !== undefined) return { id: held, queued: false };
      queuedOnce.set(onceKey, action.id);
      return { id: enqueue(action), queued: true };
    },
    status: (id) => store.get(id),
    waitForChange: (id, _channelId, timeoutMs) => store.waitForChange(id, timeoutMs),
    backlog,
    async drain(timeoutMs) {
      accepting = false;
      if (backlog() > 0) {
        await new Promise<void>((resolve) => {
          const cancel = scheduler.setTimeout(() => {
            idleWaiters.delete(done);
            resolve();
          }, timeoutMs);
          const done = () => {
            cancel();
            resolve();
          };
          idleWaiters.add(done);
        });
      }
      let undelivered = 0;
      for (const ch of channels.values()) {
        ch.cancelTimer?.();
        ch.cancelTimer = undefined;
        const left = ch.pending.splice(0);
        if (left.length === 0) continue;
        undelivered += left.length;
        fail(left, {
          code: "shutting_down",
          message: "The EBS shut down before this action could be sent within Twitch's chat limit.",
        });
        logger.error(
          { event: "chat_undelivered", broadcasterId: ch.id, actions: left.length, reason: "shutting_down" },
          "shutdown: actions not sent",
        );
      }
      return { undelivered };
    },
  };
}
