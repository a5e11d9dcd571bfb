import { LIVE_RECENT_MAX } from "@ext/shared";

/**
 * The counting step in Lua, written once: the Redis live store's `countSent` runs it alone, and the Redis
 * queue's FINISH script runs it in the same atomic step that marks a message's actions sent (so an action
 * is counted exactly when its status turns from queued to sent, once, on whichever instance finishes it).
 * `liveCount(liveKey, streamsKey, recentKey, n, latest, at)`: `n` hypers, of which `latest` (a Lua table of JSON
 * strings in chat order) are the last few.
 */
export const LIVE_COUNT_LUA = `
local function liveCount(liveKey, streamsKey, recentKey, n, latest, at)
  if n == 0 then return 0 end
  local stream = redis.call('HGET', liveKey, 'streamStartedAt') or ''
  redis.call('HINCRBY', streamsKey, stream, n)
  redis.call('HINCRBY', liveKey, 'allTime', n)
  redis.call('HINCRBY', liveKey, 'version', 1)
  redis.call('HSET', liveKey, 'lastSentAt', at)
  for i = math.max(1, #latest - ${LIVE_RECENT_MAX} + 1), #latest do redis.call('LPUSH', recentKey, latest[i]) end
  redis.call('LTRIM', recentKey, 0, ${LIVE_RECENT_MAX - 1})
  return n
end
`;
