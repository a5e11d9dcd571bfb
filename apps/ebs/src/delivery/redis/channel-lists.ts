import type { ActionKind } from "@ext/shared";
import type { RedisClient } from "./connection.ts";
import type { RedisKeys } from "./keys.ts";
import { defineScript } from "./scripts.ts";

/** One pending action in a channel's Redis list. */
export interface QueueItem {
  id: string;
  kind: ActionKind;
  /** Present when the viewer shared identity. */
  userId?: string;
  /** The channel's template for this kind when the action was accepted. */
  template?: string;
  /** Failed sends (5xx, timeouts) so far. */
  failures: number;
}

/**
 * A channel's pending actions in Redis: pushed by whichever instance accepted them, taken in batches into
 * the channel's processing list by the lease holder (LMOVE), removed once their fate is written, or put
 * back at the head of the queue for a retry. Every step that changes both lists checks the lease first,
 * so an instance whose lease expired cannot touch what the new holder is doing.
 */
export interface ChannelLists {
  /**
   * The channel marked busy, then in one MULTI (one slot) the action's status hash (`statusFields`, kept
   * `statusTtlMs`) and the item.
   */
  push(
    channelId: string,
    item: QueueItem,
    statusFields: Record<string, string>,
    statusTtlMs: number,
  ): Promise<void>;
  /**
   * {@link push}, unless an action was already pushed under `onceKey` in this channel: the check, the mark
   * (`queuedOnce`, no TTL), the status and the item are one script in the channel's slot, so instances
   * racing on one key push once. The id of the action held under the key: `item`'s when this call pushed.
   */
  pushOnce(
    channelId: string,
    onceKey: string,
    item: QueueItem,
    statusFields: Record<string, string>,
    statusTtlMs: number,
  ): Promise<{ id: string; pushed: boolean }>;
  /**
   * Moves the next message's items into processing: the oldest item's kind decides; for a kind in
   * `coalescing`, every item of that kind among the first `max` (the others keep their place), else that
   * one item. Empty when none, or when the lease is not `owner`'s.
   */
  claim(
    channelId: string,
    owner: string,
    input: { max: number; coalescing: readonly string[] },
  ): Promise<QueueItem[]>;
  /** The batch in processing is settled (sent or failed): forget it. */
  settle(channelId: string, owner: string): Promise<void>;
  /** The batch goes back to the head of the queue, as `items` (their failure counts updated). */
  requeue(channelId: string, owner: string, items: readonly QueueItem[]): Promise<void>;
  pending(channelId: string): Promise<number>;
  /** Channels with actions pending or being sent. */
  busyChannels(): Promise<string[]>;
}

/** Items queued before kinds existed have none: they were hype. */
const LEGACY_KIND = "hype";

const CLAIM = `
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return {} end
local function kindOf(item)
  local ok, decoded = pcall(cjson.decode, item)
  if ok and type(decoded) == 'table' and type(decoded.kind) == 'string' then return decoded.kind end
  return '${LEGACY_KIND}'
end
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return {} end
local kind = kindOf(head)
local coalesce = false
for i = 3, #ARGV do if ARGV[i] == kind then coalesce = true end end
if not coalesce then
  return { redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') }
end
local window = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local taken = {}
local kept = {}
for _, item in ipairs(window) do
  if kindOf(item) == kind then taken[#taken + 1] = item else kept[#kept + 1] = item end
end
redis.call('LTRIM', KEYS[1], #window, -1)
for i = #kept, 1, -1 do redis.call('LPUSH', KEYS[1], kept[i]) end
for _, item in ipairs(taken) do redis.call('RPUSH', KEYS[2], item) end
return taken`;

function parseItem(raw: string): QueueItem {
  const item = JSON.parse(raw) as Partial<QueueItem> & { id: string; failures: number };
  return { ...item, kind: item.kind ?? LEGACY_KIND };
}

/**
 * KEYS: the channel's queued-once hash, the action's status hash, the queue. ARGV: the once key, the action
 * id, the status TTL, the item, then the status fields and values. The id held, or nil once pushed.
 */
const PUSH_ONCE = `
local held = redis.call('HGET', KEYS[1], ARGV[1])
if held then return held end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('RPUSH', KEYS[3], ARGV[4])
return false`;

const SETTLE = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

const REQUEUE = `
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
for i = #ARGV, 2, -1 do redis.call('LPUSH', KEYS[2], ARGV[i]) end
return 1`;

export function createChannelLists(input: { redis: RedisClient; keys: RedisKeys }): ChannelLists {
  const { redis, keys } = input;
  const claim = defineScript(redis, "ebsQueueClaim", CLAIM);
  const settle = defineScript(redis, "ebsQueueSettle", SETTLE);
  const requeue = defineScript(redis, "ebsQueueRequeue", REQUEUE);
  const pushOnce = defineScript(redis, "ebsQueuePushOnce", PUSH_ONCE);

  /**
   * Busy before the push (a channel marked busy with nothing queued costs a look) and again after it: a
   * lease holder releasing the channel may drop the first mark between it and the push, then see an empty
   * queue; the second mark lands after the push, so an action accepted (answered 202 after this) always
   * leaves its channel busy for the instances' polls, even if whoever sends it is killed.
   */
  async function markedBusyAround<T>(ch: string, push: () => Promise<T>): Promise<T> {
    await redis.sadd(keys.channels, ch);
    const result = await push();
    await redis.sadd(keys.channels, ch);
    return result;
  }

  return {
    push: (ch, item, statusFields, statusTtlMs) =>
      markedBusyAround(ch, async () => {
        const results = await redis
          .multi()
          .hset(keys.action(ch, item.id), statusFields)
          .pexpire(keys.action(ch, item.id), statusTtlMs)
          .rpush(keys.queue(ch), JSON.stringify(item))
          .exec();
        const failed = results?.find(([error]) => error !== null)?.[0];
        if (!results || failed)
          throw failed ?? new Error("Redis discarded the transaction that queues an action");
      }),
    pushOnce: (ch, onceKey, item, statusFields, statusTtlMs) =>
      markedBusyAround(ch, async () => {
        const held = (await pushOnce(
          [keys.queuedOnce(ch), keys.action(ch, item.id), keys.queue(ch)],
          [onceKey, item.id, statusTtlMs, JSON.stringify(item), ...Object.entries(statusFields).flat()],
        )) as string | null;
        return held === null ? { id: item.id, pushed: true } : { id: held, pushed: false };
      }),
    async claim(ch, owner, { max, coalescing }) {
      const raw = (await claim(
        [keys.queue(ch), keys.processing(ch), keys.lease(ch)],
        [owner, max, ...coalescing],
      )) as string[];
      return raw.map(parseItem);
    },
    async settle(ch, owner) {
      await settle([keys.processing(ch), keys.lease(ch)], [owner]);
    },
    async requeue(ch, owner, items) {
      await requeue(
        [keys.processing(ch), keys.queue(ch), keys.lease(ch)],
        [owner, ...items.map((i) => JSON.stringify(i))],
      );
    },
    pending: (ch) => redis.llen(keys.queue(ch)),
    busyChannels: () => redis.smembers(keys.channels),
  };
}
