import { type ActionState, type ApiErrorCode, type Clock, LIVE_RECENT_MAX } from "@ext/shared";
import type { SentHypers } from "../../store/live-store.ts";
import { LIVE_COUNT_LUA } from "../../store/redis/live-lua.ts";
import { hyperJson } from "../../store/redis/live-store.ts";
import { type ActionRecord, STATUS_RETENTION_MS } from "../action-store.ts";
import type { Scheduler } from "../scheduler.ts";
import type { QueueItem } from "./channel-lists.ts";
import type { RedisClient } from "./connection.ts";
import type { RedisKeys } from "./keys.ts";
import { defineScript } from "./scripts.ts";

/**
 * Action statuses readable from every instance: a hash per action (`keys.action(channel, id)`, in the
 * channel's slot), kept
 * {@link QUEUED_TTL_MS} while queued and {@link STATUS_RETENTION_MS} once finished. Finishing publishes the
 * ids on `keys.actionsFinished`, so a long-poll waiting on any instance answers at once.
 */
export interface RedisActionStore {
  /** The hash fields of a new queued action (written with its queue item, in one transaction). */
  fieldsOf(record: Pick<ActionRecord, "id" | "channelId" | "opaqueUserId">): Record<string, string>;
  get(channelId: string, id: string): Promise<ActionRecord | undefined>;
  /**
   * Sets the outcome of those of `ids` (actions of one channel) still queued, then wakes their long-polls
   * everywhere. With `settledBy` (the lease holder), the channel's processing list is dropped in the same
   * atomic step (and, given a {@link Settlement}, its `requeue` put back at the head of the queue): once Twitch took a message, one Redis round trip marks it sent and forgets the batch, the
   * shortest window in which an instance's death could make another post it again. With `count` (the
   * hypers of `ids`, in the same order), the actions that turn from queued to sent are counted into the
   * channel's live state in that same step: each exactly once, whichever instance finishes them.
   */
  finish(
    channelId: string,
    ids: readonly string[],
    outcome: Pick<ActionRecord, "status" | "text" | "error">,
    settledBy?: string | Settlement,
    count?: SentHypers,
  ): Promise<void>;
  waitForChange(channelId: string, id: string, timeoutMs: number): Promise<ActionRecord | undefined>;
  /** Stops listening for finished actions (the subscriber connection is the caller's to close). */
  close(): Promise<void>;
}

/**
 * The lease holder settling its batch in `finish`'s step while part of it is sent again: the processing list
 * is dropped and `requeue` goes back to the head of the queue (a batch partly given up, partly retried).
 */
export interface Settlement {
  owner: string;
  requeue: readonly QueueItem[];
}

/** How long a queued action's status is kept: far longer than any queue holds an action. */
export const QUEUED_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * KEYS: the channel's processing list, its lease, its live state (hash, counts per stream, recent), its
 * queue, then the actions' hashes (one slot: the channel's). ARGV: status, text, error, finishedAt,
 * retention, pub/sub channel, the settling owner ('' for none), '1' to count the sent actions into the live
 * state, the time they reached chat, how many items go back to the queue (k), those k items (JSON, in
 * order), the ids, then (when counting) each id's hyper as JSON ('' for all but the last few).
 */
const FINISH = `${LIVE_COUNT_LUA}
local n = #KEYS - 6
local k = tonumber(ARGV[10])
local first = 10 + k
local finished = {}
local latest = {}
for i = 1, n do
  local key = KEYS[i + 6]
  if redis.call('HGET', key, 'status') == 'queued' then
    redis.call('HSET', key, 'status', ARGV[1], 'finishedAt', ARGV[4])
    if ARGV[2] ~= '' then redis.call('HSET', key, 'text', ARGV[2]) end
    if ARGV[3] ~= '' then redis.call('HSET', key, 'error', ARGV[3]) end
    redis.call('PEXPIRE', key, ARGV[5])
    finished[#finished + 1] = ARGV[first + i]
    local hyper = ARGV[first + i + n]
    if hyper and hyper ~= '' then latest[#latest + 1] = hyper end
  end
end
if ARGV[8] == '1' then liveCount(KEYS[3], KEYS[4], KEYS[5], #finished, latest, ARGV[9]) end
if ARGV[7] ~= '' and redis.call('GET', KEYS[2]) == ARGV[7] then
  redis.call('DEL', KEYS[1])
  for i = first, 11, -1 do redis.call('LPUSH', KEYS[6], ARGV[i]) end
end
if #finished > 0 then redis.call('PUBLISH', ARGV[6], table.concat(finished, ',')) end
return #finished`;

/** Lua's argument list has a limit: large batches are finished in slices of this many. */
const FINISH_SLICE = 1000;

function recordOf(id: string, hash: Record<string, string>): ActionRecord | undefined {
  if (hash.status === undefined || hash.channelId === undefined || hash.opaqueUserId === undefined) {
    return undefined;
  }
  return {
    id,
    channelId: hash.channelId,
    opaqueUserId: hash.opaqueUserId,
    status: hash.status as ActionState,
    ...(hash.text !== undefined ? { text: hash.text } : {}),
    ...(hash.error !== undefined
      ? { error: JSON.parse(hash.error) as { code: ApiErrorCode; message: string } }
      : {}),
    ...(hash.finishedAt !== undefined ? { finishedAt: Number(hash.finishedAt) } : {}),
  };
}

/** `subscriber` is a connection of its own (a subscribed connection runs no other commands). */
export async function createRedisActionStore(input: {
  redis: RedisClient;
  subscriber: RedisClient;
  keys: RedisKeys;
  clock: Clock;
  scheduler: Scheduler;
  retentionMs?: number;
}): Promise<RedisActionStore> {
  const { redis, subscriber, keys, clock, scheduler } = input;
  const retentionMs = input.retentionMs ?? STATUS_RETENTION_MS;
  const finish = defineScript(redis, "ebsActionsFinish", FINISH);
  const waiters = new Map<string, Set<() => void>>();

  const onMessage = (channel: string, message: string) => {
    if (channel !== keys.actionsFinished) return;
    for (const id of message.split(",")) {
      const wake = waiters.get(id);
      waiters.delete(id);
      for (const fn of wake ?? []) fn();
    }
  };
  subscriber.on("message", onMessage);
  await subscriber.subscribe(keys.actionsFinished);

  const get = async (ch: string, id: string) => recordOf(id, await redis.hgetall(keys.action(ch, id)));

  return {
    fieldsOf: (record) => ({
      channelId: record.channelId,
      opaqueUserId: record.opaqueUserId,
      status: "queued",
    }),
    get,
    async finish(ch, ids, outcome, settledBy, count) {
      const error = outcome.error ? JSON.stringify(outcome.error) : "";
      const latestFrom = ids.length - LIVE_RECENT_MAX;
      const owner = typeof settledBy === "string" ? settledBy : settledBy?.owner;
      const requeue =
        typeof settledBy === "object" ? settledBy.requeue.map((item) => JSON.stringify(item)) : [];
      for (let at = 0; at < ids.length; at += FINISH_SLICE) {
        const slice = ids.slice(at, at + FINISH_SLICE);
        const last = at + FINISH_SLICE >= ids.length;
        const hypers = count
          ? slice.map((_, i) => {
              const hyper = count.hypers[at + i];
              return at + i >= latestFrom && hyper ? hyperJson(hyper) : "";
            })
          : [];
        await finish(
          [
            keys.processing(ch),
            keys.lease(ch),
            keys.live(ch),
            keys.liveStreams(ch),
            keys.liveRecent(ch),
            keys.queue(ch),
            ...slice.map((id) => keys.action(ch, id)),
          ],
          [
            outcome.status,
            outcome.text ?? "",
            error,
            clock(),
            retentionMs,
            keys.actionsFinished,
            last ? (owner ?? "") : "",
            count ? "1" : "",
            count?.at ?? "",
            last ? requeue.length : 0,
            ...(last ? requeue : []),
            ...slice,
            ...hypers,
          ],
        );
      }
    },
    async waitForChange(ch, id, timeoutMs) {
      const first = await get(ch, id);
      if (first?.status !== "queued" || timeoutMs <= 0) return first;
      return new Promise((resolve) => {
        let settled = false;
        let cancel = () => {};
        const done = () => {
          if (settled) return;
          settled = true;
          cancel();
          waiters.get(id)?.delete(done);
          if (waiters.get(id)?.size === 0) waiters.delete(id);
          get(ch, id).then(
            (record) => resolve(record ?? first),
            () => resolve(first),
          );
        };
        const set = waiters.get(id) ?? new Set();
        set.add(done);
        waiters.set(id, set);
        cancel = scheduler.setTimeout(done, timeoutMs);
        // It may have finished between the first read and the waiter's registration.
        get(ch, id).then(
          (record) => {
            if (record?.status !== "queued") done();
          },
          () => {},
        );
      });
    },
    async close() {
      subscriber.off("message", onMessage);
      for (const set of waiters.values()) for (const fn of set) fn();
      waiters.clear();
    },
  };
}
