import { LIVE_RECENT_MAX, type LiveHyper, liveHyperSchema } from "@ext/shared";
import type { RedisClient } from "../../delivery/redis/connection.ts";
import type { RedisKeys } from "../../delivery/redis/keys.ts";
import { defineScript } from "../../delivery/redis/scripts.ts";
import { emptyLiveRecord, type LiveStore, parseRefusal } from "../live-store.ts";
import { LIVE_COUNT_LUA } from "./live-lua.ts";

/** KEYS: live, streams, recent. ARGV: at, the number of hypers, then the latest few as JSON. */
const COUNT = `${LIVE_COUNT_LUA}
local latest = {}
for i = 3, #ARGV do latest[#latest + 1] = ARGV[i] end
return liveCount(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[2]), latest, ARGV[1])`;

/** KEYS: live. ARGV: '1' live or '0' offline, started_at ('' offline). 1 when panels' view changed. */
const SET_STREAM = `
local live = redis.call('HGET', KEYS[1], 'live') or '0'
local current = redis.call('HGET', KEYS[1], 'streamStartedAt') or ''
local changed = false
if ARGV[1] == '1' and ARGV[2] > current then
  redis.call('HSET', KEYS[1], 'streamStartedAt', ARGV[2])
  changed = true
end
if ARGV[1] ~= live then
  redis.call('HSET', KEYS[1], 'live', ARGV[1])
  changed = true
end
if changed then
  redis.call('HINCRBY', KEYS[1], 'version', 1)
  return 1
end
return 0`;

/** One hyper as the Redis list holds it. */
export function hyperJson(hyper: LiveHyper): string {
  return JSON.stringify(hyper);
}

function parseHyper(raw: string): LiveHyper | undefined {
  try {
    const parsed = liveHyperSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The live state in Redis, in the channel's slot (`keys.live*`): every instance reads and counts the same. */
export function createRedisLiveStore(input: { redis: RedisClient; keys: RedisKeys }): LiveStore {
  const { redis, keys } = input;
  const count = defineScript(redis, "ebsLiveCount", COUNT);
  const setStream = defineScript(redis, "ebsLiveSetStream", SET_STREAM);
  return {
    async read(channelId) {
      const results = await redis
        .multi()
        .hgetall(keys.live(channelId))
        .hgetall(keys.liveStreams(channelId))
        .lrange(keys.liveRecent(channelId), 0, LIVE_RECENT_MAX - 1)
        .exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (!results || failed)
        throw failed ?? new Error("Redis discarded the transaction that reads the live state");
      const live = results[0]?.[1] as Record<string, string>;
      const streams = results[1]?.[1] as Record<string, string>;
      const recent = results[2]?.[1] as string[];
      if (Object.keys(live).length === 0) return emptyLiveRecord(channelId);
      const startedAt = live.streamStartedAt ?? "";
      return {
        state: {
          channelId,
          version: Number(live.version ?? 0),
          stream: { live: live.live === "1", startedAt: startedAt === "" ? null : startedAt },
          streamCount: Number(streams[startedAt] ?? 0),
          allTimeCount: Number(live.allTime ?? 0),
          recent: recent.map(parseHyper).filter((h): h is LiveHyper => h !== undefined),
        },
        lastSentAt: live.lastSentAt ?? null,
        lastRefusal: parseRefusal(live.lastRefusal),
      };
    },
    async countSent(channelId, { hypers, at }) {
      if (hypers.length === 0) return;
      await count(
        [keys.live(channelId), keys.liveStreams(channelId), keys.liveRecent(channelId)],
        [at, hypers.length, ...hypers.slice(-LIVE_RECENT_MAX).map(hyperJson)],
      );
    },
    async setStream(channelId, stream) {
      const changed = await setStream(
        [keys.live(channelId)],
        [stream.live ? "1" : "0", stream.live ? stream.startedAt : ""],
      );
      return Number(changed) === 1;
    },
    async recordRefusal(channelId, refusal) {
      await redis.hset(keys.live(channelId), "lastRefusal", JSON.stringify(refusal));
    },
  };
}
