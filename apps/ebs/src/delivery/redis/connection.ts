import { type Cluster, Redis } from "ioredis";

/** A connection to a single Redis or to a Redis Cluster: every Redis-mode module takes either. */
export type RedisClient = Redis | Cluster;

/**
 * A Redis connection for the EBS: commands wait (bounded) while it reconnects instead of failing at once,
 * and the URL (which may hold a password) is never logged. With `cluster`, `url` lists one or more nodes
 * of a Redis Cluster (comma-separated) and the client follows the cluster's slots.
 */
export function connectRedis(url: string, options: { name?: string; cluster?: boolean } = {}): RedisClient {
  const name = options.name ?? "ebs";
  const retryStrategy = (times: number) => Math.min(times * 200, 2000);
  if (!options.cluster) {
    return new Redis(url, {
      connectionName: name,
      maxRetriesPerRequest: 3,
      retryStrategy,
      lazyConnect: false,
    });
  }
  const nodes = url.split(",").map((each) => {
    const node = new URL(each.trim());
    return { host: node.hostname, port: Number(node.port || 6379) };
  });
  const first = new URL(url.split(",")[0]?.trim() ?? url);
  return new Redis.Cluster(nodes, {
    clusterRetryStrategy: retryStrategy,
    redisOptions: {
      connectionName: name,
      maxRetriesPerRequest: 3,
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.protocol === "rediss:" ? { tls: {} } : {}),
    },
  });
}

/** Closes a connection: QUIT when it is up, otherwise drops it. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === "end") return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
