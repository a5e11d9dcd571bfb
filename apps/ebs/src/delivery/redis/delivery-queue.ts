import { randomUUID } from "node:crypto";
import { buildChatText, type ChatActor } from "@ext/shared";
import { safeCause } from "../../app-error.ts";
import { chatRefusal } from "../../live/chat-refusal.ts";
import type { ChatSender } from "../../twitch/ports.ts";
import { DEFAULT_RETRY } from "../backoff.ts";
import { batchTemplate, DEFAULT_KIND_RULES } from "../batches.ts";
import {
  type ActionToQueue,
  chatActors,
  type DeliveryQueue,
  type DeliveryQueueOptions,
  sentHypers,
} from "../delivery-queue.ts";
import { logFailurePlan, planFailure } from "../failure-plan.ts";
import { TWITCH_CHAT_LIMITS } from "../rate-gate.ts";
import { QUEUED_TTL_MS, type RedisActionStore } from "./action-store.ts";
import type { ChannelLists, QueueItem } from "./channel-lists.ts";
import type { ChatBudget } from "./chat-budget.ts";
import type { ChannelLease } from "./lease.ts";

/** The in-memory queue's options (Helix client, names, clock, limits, retries...), plus Redis's parts. */
export interface RedisDeliveryQueueOptions extends DeliveryQueueOptions {
  /** This instance's id, the value of the leases it holds (host:pid:random by default in main.ts). */
  instanceId: string;
  lists: ChannelLists;
  lease: ChannelLease;
  leaseTtlMs: number;
  budget: ChatBudget;
  store: RedisActionStore;
  /** How often this instance looks for channels with work and no live sender (a killed instance's). */
  pollMs?: number;
  /** Actions taken into one message at most (the rest go in the next one). */
  maxBatch?: number;
}

/**
 * The delivery queue of the Redis mode, with the same behaviour as the in-memory one but shared: any
 * instance accepts an action (pushed on the channel's Redis list), the instance holding the channel's lease
 * sends (taking every pending action into one message, under the shared {@link ChatBudget}), and statuses
 * are written where every instance reads them. Instances that do not hold a channel's lease look at the
 * busy channels every `pollMs` and take over a lease that expired, with whatever its holder left in
 * processing (see `lease.ts`): an instance killed mid-send loses nothing.
 */
export function createRedisDeliveryQueue(options: RedisDeliveryQueueOptions): DeliveryQueue & {
  /** Starts looking for orphaned channels every `pollMs`. */
  start(): void;
} {
  const { instanceId, lists, lease, budget, store, chat, users, clock, scheduler, logger, live } = options;
  const limits = options.limits ?? TWITCH_CHAT_LIMITS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const maxInFlight = options.maxInFlight ?? 32;
  const pollMs = options.pollMs ?? 1000;
  const maxBatch = options.maxBatch ?? 5000;
  const random = options.random ?? Math.random;
  const kinds = options.kinds ?? DEFAULT_KIND_RULES;
  const coalescing = Object.keys(kinds).filter((kind) => kinds[kind]?.coalesce);
  const renewEveryMs = Math.max(50, Math.floor(options.leaseTtlMs / 3));

  /** Channels whose lease this instance holds (or is trying to take), with their sender loop. */
  const running = new Map<string, Promise<void>>();
  const kickAgain = new Set<string>();
  const sleepers = new Set<() => void>();
  const slotWaiters: (() => void)[] = [];
  let inFlight = 0;
  let heldActions = 0;
  let accepting = true;
  let stopping = false;
  let stopPolling: (() => void) | undefined;

  function sleep(ms: number): Promise<void> {
    if (stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        sleepers.delete(wake);
        cancel();
        resolve();
      };
      const cancel = scheduler.setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  async function slot(): Promise<void> {
    if (inFlight < maxInFlight) {
      inFlight++;
      return;
    }
    await new Promise<void>((resolve) => slotWaiters.push(resolve));
    inFlight++;
  }
  function freeSlot() {
    inFlight--;
    slotWaiters.shift()?.();
  }

  function kick(channelId: string) {
    if (stopping) return;
    if (running.has(channelId)) {
      // The loop may be past its last look at the list: it looks again before it ends.
      kickAgain.add(channelId);
      return;
    }
    const loop = senderLoop(channelId)
      .catch((error: unknown) => {
        logger.error(
          { event: "sender_failed", broadcasterId: channelId, error: safeCause(error).message },
          "the channel's sender stopped on an error: another instance (or the next poll) takes over",
        );
      })
      .finally(() => {
        running.delete(channelId);
        if (kickAgain.delete(channelId)) kick(channelId);
      });
    running.set(channelId, loop);
  }

  /** Holds the channel's lease and sends while the channel has actions; gives the lease up when done. */
  async function senderLoop(channelId: string): Promise<void> {
    kickAgain.delete(channelId);
    const handedBack = await lease.acquire(channelId);
    if (handedBack < 0) return;
    if (handedBack > 0) {
      logger.warn(
        { event: "lease_taken_over", broadcasterId: channelId, actions: handedBack },
        "took over a channel whose sender stopped mid-send: its batch is queued again",
      );
    }
    let lost = false;
    let held = true;
    let cancelRenew = () => {};
    const renew = () => {
      cancelRenew = scheduler.setTimeout(() => {
        lease.renew(channelId).then(
          (ok) => {
            if (!ok) {
              lost = true;
              logger.warn({ event: "lease_lost", broadcasterId: channelId }, "lost the channel's lease");
            } else if (held) renew();
          },
          () => {
            if (held) renew();
          },
        );
      }, renewEveryMs);
    };
    renew();
    try {
      while (!stopping && !lost) {
        if ((await lists.pending(channelId)) === 0) {
          held = false;
          const left = await lease.release(channelId);
          if (left <= 0 || stopping) return;
          if ((await lease.acquire(channelId)) < 0) return;
          held = true;
          continue;
        }
        const wait = await budget.take(channelId, clock());
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        await slot();
        try {
          await sendBatch(channelId);
        } finally {
          freeSlot();
        }
      }
    } finally {
      held = false;
      cancelRenew();
      if (!lost) await lease.release(channelId).catch(() => -1);
    }
  }

  async function sendBatch(channelId: string): Promise<void> {
    const batch = await lists.claim(channelId, instanceId, { max: maxBatch, coalescing });
    if (batch.length === 0) return;
    heldActions += batch.length;
    try {
      let text: string;
      let rateLimit: Awaited<ReturnType<ChatSender["send"]>>["rateLimit"];
      let actors: ChatActor[];
      // The stream (cached a minute) is read beside the send, so the count goes to the right stream.
      const streamRead = live?.prepare(channelId);
      try {
        const template = batchTemplate(batch, kinds);
        actors = await chatActors({ users, logger, userIds: batch.map((a) => a.userId) });
        text = buildChatText({ actors, template });
        ({ rateLimit } = await chat.send({ broadcasterId: channelId, text }));
      } catch (error) {
        await handleFailure(channelId, batch, error);
        return;
      }
      await streamRead;
      // Twitch took it: mark it sent, count it into the live state and forget the batch at once, in one
      // step (see finish's settledBy and count).
      await store.finish(
        channelId,
        batch.map((a) => a.id),
        { status: "sent", text },
        instanceId,
        live ? sentHypers(batch, actors, clock()) : undefined,
      );
      live?.counted(channelId);
      await budget.follow(channelId, rateLimit, clock());
      logger.info(
        { event: "chat_delivered", broadcasterId: channelId, actions: batch.length },
        "chat message delivered",
      );
    } finally {
      heldActions -= batch.length;
    }
  }

  async function handleFailure(channelId: string, batch: QueueItem[], error: unknown) {
    const now = clock();
    const plan = planFailure({ error, batch, now, retry, windowMs: limits.windowMs, random });
    const refusal = live ? chatRefusal(plan, error, now) : undefined;
    if (refusal) live?.refused(channelId, refusal);
    // The wait first, so whoever sends the requeued actions (this instance, or one that takes over) waits.
    if (plan.blockUntil !== undefined) await budget.blockUntil(channelId, plan.blockUntil, now);
    // Marking the given-up actions failed, forgetting the batch and queueing the rest again is one step
    // (finish's settlement), as for a sent batch: a death between two steps would leave failed actions in
    // processing, and whoever took the lease over would post them while their status stays "failed".
    if (plan.failed.length > 0) {
      await store.finish(
        channelId,
        plan.failed.map((a) => a.id),
        { status: "failed", error: plan.error },
        { owner: instanceId, requeue: plan.again },
      );
    } else {
      await lists.requeue(channelId, instanceId, plan.again);
    }
    logFailurePlan(logger, { broadcasterId: channelId, plan, maxAttempts: retry.maxAttempts });
  }

  function itemOf(action: ActionToQueue, id: string): QueueItem {
    return {
      id,
      kind: action.kind,
      failures: 0,
      ...(action.userId !== undefined ? { userId: action.userId } : {}),
      ...(action.template !== undefined ? { template: action.template } : {}),
    };
  }

  function statusOf(action: ActionToQueue, id: string): Record<string, string> {
    return store.fieldsOf({ id, channelId: action.channelId, opaqueUserId: action.opaqueUserId });
  }

  async function poll() {
    if (stopping) return;
    try {
      for (const channelId of await lists.busyChannels()) kick(channelId);
    } catch (error) {
      logger.warn(
        { event: "redis_poll_failed", error: safeCause(error).message },
        "could not read busy channels",
      );
    }
  }

  return {
    get accepting() {
      return accepting;
    },
    start() {
      if (stopPolling || stopping) return;
      let cancel = () => {};
      const tick = () => {
        cancel = scheduler.setTimeout(() => {
          void poll().finally(() => {
            if (!stopping) tick();
          });
        }, pollMs);
      };
      tick();
      stopPolling = () => cancel();
      void poll();
    },
    async enqueue(action) {
      const item = itemOf(action, action.id ?? randomUUID());
      await lists.push(action.channelId, item, statusOf(action, item.id), QUEUED_TTL_MS);
      kick(action.channelId);
      return item.id;
    },
    async enqueueOnce(action, onceKey) {
      const item = itemOf(action, action.id);
      const { id, pushed } = await lists.pushOnce(
        action.channelId,
        onceKey,
        item,
        statusOf(action, item.id),
        QUEUED_TTL_MS,
      );
      if (pushed) kick(action.channelId);
      return { id, queued: pushed };
    },
    status: (id, channelId) => store.get(channelId, id),
    waitForChange: (id, channelId, timeoutMs) => store.waitForChange(channelId, id, timeoutMs),
    backlog: () => heldActions,
    async drain(timeoutMs) {
      accepting = false;
      stopping = true;
      stopPolling?.();
      for (const wake of [...sleepers]) wake();
      const loops = [...running.entries()];
      await new Promise<void>((resolve) => {
        const cancel = scheduler.setTimeout(resolve, timeoutMs);
        void Promise.allSettled(loops.map(([, loop]) => loop)).then(() => {
          cancel();
          resolve();
        });
      });
      // A send still running after the bound: its lease is given up and its batch queued again.
      let handedBack = 0;
      for (const [channelId] of loops) {
        await lease.release(channelId).catch(() => -1);
        handedBack += await lists.pending(channelId).catch(() => 0);
      }
      logger.info(
        { event: "handed_back", channels: loops.length, actions: handedBack },
        "stopped sending: what this instance held is queued in Redis for the other instances",
      );
      return { undelivered: 0, handedBack };
    },
  };
}
