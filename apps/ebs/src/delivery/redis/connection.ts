import { Redis } from "ioredis";

/**
 * A Redis connection for the EBS: commands wait (bounded) while it reconnects instead of failing at once,
 * and the URL (which may hold a password) is never logged.
 */
export function connectRedis(url: string, name = "ebs"): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
}

/** Closes a connection: QUIT when it is up, otherwise drops it. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
