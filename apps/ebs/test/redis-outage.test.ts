import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redisServerPath, startRedis, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finalStatus,
  type Posted,
  post,
  postAction,
  rigApi,
  sleep,
  viewerToken,
} from "./support/process-api.ts";
import { type Child, startEbs, startRig } from "./support/processes.ts";

/**
 * Redis goes away mid-traffic and comes back (a restart of a Redis that persists its data, as a deployment's
 * does): the EBS refuses new actions with 503 and Retry-After meanwhile, loses none it accepted before, and
 * delivers them once Redis is back, without being restarted.
 */
let dataDir: string;
let redis: TestRedis | undefined;
let rig: Child | undefined;
let ebs: Child | undefined;

beforeAll(async () => {
  await redisServerPath();
}, SYSTEM_PACKAGE_TIMEOUT_MS);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "ebs-redis-outage-"));
  redis = await startRedis({ persistIn: dataDir });
  rig = await startRig();
  ebs = await startEbs(rig.url, { REDIS_URL: redis.url, VIEWER_COOLDOWN_SECONDS: "0" });
}, 60_000);

afterAll(async () => {
  await ebs?.stop();
  await rig?.stop();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("Redis mode: Redis stops and starts again", () => {
  it("answers 503 with Retry-After while Redis is down, then delivers every action accepted before", async () => {
    const instance = ebs as Child;
    const api = rigApi((rig as Child).url);
    const channelId = await api.newChannel();
    // Twitch fails every chat call for now (503, retried with a backoff): the actions stay queued in Redis.
    await api.faults(1, ["503"]);
    const accepted: Posted[] = [];
    for (let i = 0; i < 8; i++) accepted.push(await post(instance, channelId, viewerToken(channelId, i)));
    await sleep(500);

    await redis?.stop();
    const down = await postAction(instance, viewerToken(channelId, 100));
    expect(down.status).toBe(503);
    expect(Number(down.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await down.json()) as { error: { message: string } }).error.message).toMatch(/try again/);
    const statusWhileDown = await fetch(`${instance.url}/api/actions/${accepted[0]?.id}?wait=0`, {
      headers: { Authorization: `Bearer ${accepted[0]?.token}` },
    });
    expect(statusWhileDown.status).toBe(503);
    expect((await fetch(`${instance.url}/health`)).status).toBe(200);

    await redis?.start();
    await api.faults(0);
    accepted.push(await post(instance, channelId, viewerToken(channelId, 200)));

    const deadline = Date.now() + 30_000;
    const finals = await Promise.all(accepted.map((p) => finalStatus(instance, p, deadline)));
    expect(finals).toEqual(Array(accepted.length).fill("sent"));
    expect(await api.actionsInChat(channelId)).toBe(accepted.length);
    expect(instance.child.exitCode).toBeNull();
  }, 60_000);
});
