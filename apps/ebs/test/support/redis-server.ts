import { redisServerPath, startRedis, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";

/**
 * A real redis-server for the test file that calls this (at its top level): obtained first (on a fresh
 * machine installed as root, or a failure saying how; apt-get takes its time), started before the file's
 * tests, stopped after them with every connection `connect()` opened.
 */
export function useRedisServer(): { connect(): Redis } {
  let server: TestRedis | undefined;
  const connections: Redis[] = [];
  beforeAll(async () => {
    await redisServerPath();
  }, SYSTEM_PACKAGE_TIMEOUT_MS);
  beforeAll(async () => {
    server = await startRedis();
  }, 20_000);
  afterAll(async () => {
    for (const c of connections) c.disconnect();
    await server?.stop();
  });
  return {
    connect() {
      if (!server) throw new Error("useRedisServer: connect() is for tests, after the server started");
      const redis = new Redis(server.url);
      connections.push(redis);
      return redis;
    },
  };
}
