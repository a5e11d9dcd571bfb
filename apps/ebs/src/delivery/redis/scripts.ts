import type { RedisClient } from "./connection.ts";

/** A Lua script on one connection: called with its keys and arguments (EVALSHA, EVAL when Redis lost it). */
export type LuaScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on `redis` through ioredis's `defineCommand` (which caches the script and falls back to
 * EVAL after NOSCRIPT), so each read-modify-write on shared state is one atomic step in Redis.
 */
export function defineScript(redis: RedisClient, name: string, lua: string): LuaScript {
  redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[
    name
  ];
  if (!command) throw new Error(`ioredis did not define the script ${name}`);
  return (keys, args) => command.call(redis, keys.length, ...keys, ...args);
}
