import { redisServerPath, startRedis, startRedisCluster, type TestRedis } from "@ext/test-kit/redis-server";
import { SYSTEM_PACKAGE_TIMEOUT_MS } from "@ext/test-kit/system-packages";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisClient } from "../src/delivery/redis/connection.ts";
import { redisKeys } from "../src/delivery/redis/keys.ts";
import {
  finalStatus,
  liveState,
  type Posted,
  post,
  rigApi,
  sleep,
  viewerToken,
} from "./support/process-api.ts";
import { type Child, startEbs, startRig } from "./support/processes.ts";

/**
 * Two EBS processes sharing a real Redis, against the rig (each its own process): one redis-server, then a
 * Redis Cluster of three nodes (REDIS_CLUSTER=1), where every script must run in one slot. The rig's chat
 * limit is Twitch's: 12 calls per channel in a 60 s window opened by the channel's first call.
 */
const keys = redisKeys();

/** The clients connected to every node (on a cluster, each primary's CLIENT LIST). */
async function clientLists(probe: RedisClient): Promise<string> {
  const nodes = probe instanceof Redis ? [probe] : probe.nodes("master");
  return (await Promise.all(nodes.map((node) => node.client("LIST") as Promise<string>))).join("\n");
}

// On a fresh machine this installs redis-server (as root) or fails saying how to; apt-get takes its time.
beforeAll(async () => {
  await redisServerPath();
}, SYSTEM_PACKAGE_TIMEOUT_MS);

describe.each([
  ["one Redis", startRedis],
  ["a Redis Cluster", startRedisCluster],
])("Redis mode on %s: two EBS instances against the rig", (_name, start) => {
  let redis: TestRedis | undefined;
  let rig: Child | undefined;
  let ebs: Child[] = [];
  let probe: RedisClient | undefined;
  let api: ReturnType<typeof rigApi>;

  beforeAll(async () => {
    redis = await start();
    rig = await startRig();
    api = rigApi(rig.url);
    // A chat call Twitch leaves unanswered hangs 20 s: the kill test's victim is surely still mid-send.
    const env = {
      REDIS_URL: redis.url,
      REDIS_CLUSTER: redis.cluster ? "1" : "0",
      VIEWER_COOLDOWN_SECONDS: "0",
      TWITCH_TIMEOUT_MS: "20000",
    };
    ebs = await Promise.all([startEbs(rig.url, env), startEbs(rig.url, env)]);
    probe = connectRedis(redis.url, { name: "probe", cluster: redis.cluster });
  }, 60_000);

  afterAll(async () => {
    probe?.disconnect();
    await Promise.all(ebs.map((e) => e.stop()));
    await rig?.stop();
    await redis?.stop();
  }, 30_000);

  it("send at most 12 chat calls per channel a minute together, and count every action in chat", async () => {
    const [a, b] = ebs as [Child, Child];
    const busy = await api.newChannel();
    const quiet = [await api.newChannel(), await api.newChannel()];
    const posts: Promise<Posted>[] = [];
    const started = Date.now();
    // 150 actions in 15 s in the busy channel, alternating instances; a named viewer among them.
    for (let i = 0; i < 150; i++) {
      await sleep(Math.max(0, started + i * 100 - Date.now()));
      const token = i === 0 ? viewerToken(busy, i, "51000001") : viewerToken(busy, i);
      posts.push(post(i % 2 === 0 ? a : b, busy, token));
      if (i % 50 === 25) {
        for (const [q, channelId] of quiet.entries()) {
          posts.push(post(q % 2 === 0 ? b : a, channelId, viewerToken(channelId, 10_000 + i)));
        }
      }
    }
    const posted = await Promise.all(posts);
    expect(posted).toHaveLength(156);

    // Every status is read from the instance that did not accept the action.
    const deadline = Date.now() + 30_000;
    const finals = await Promise.all(posted.map((p) => finalStatus(p.via === a ? b : a, p, deadline)));
    expect(finals.filter((s) => s !== "sent")).toEqual([]);

    const calls = await api.chatCalls();
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    const perChannel = new Map<string, number>();
    for (const c of calls) perChannel.set(c.channelId, (perChannel.get(c.channelId) ?? 0) + 1);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(perChannel.get(busy)).toBeGreaterThan(6);
    expect(perChannel.get(busy)).toBeLessThanOrEqual(12);
    for (const channelId of quiet) expect(perChannel.get(channelId)).toBeGreaterThanOrEqual(1);

    expect(await api.actionsInChat(busy)).toBe(150);
    for (const channelId of quiet) expect(await api.actionsInChat(channelId)).toBe(3);
    expect((await api.chatTexts(busy)).some((text) => text.startsWith("Ana"))).toBe(true);

    // Both instances read the same live state from Redis: every action counted once.
    const [onA, onB] = await Promise.all([a, b].map((via) => liveState(via, viewerToken(busy, 0))));
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ streamCount: 150, allTimeCount: 150 });
    expect(onA?.recent).toHaveLength(5);
    for (const channelId of quiet) {
      expect((await liveState(b, viewerToken(channelId, 0))).allTimeCount).toBe(3);
    }
    // Two instances broadcasting through one shared gate: Twitch (the rig) took every PubSub call.
    const pubsub = await api.pubsubCalls();
    expect(pubsub.length).toBeGreaterThan(0);
    expect(pubsub.filter((c) => c.status !== 204)).toEqual([]);
  }, 60_000);

  it("lose no action when the instance sending a channel is killed with SIGKILL mid-send", async () => {
    const [a, b] = ebs as [Child, Child];
    const channelId = await api.newChannel();
    // Every chat call hangs (the rig answers nothing): whoever sends holds the batch in processing.
    await api.faults(1, ["timeout"]);
    const posted: Posted[] = [];
    for (let i = 0; i < 10; i++)
      posted.push(await post(i % 2 === 0 ? a : b, channelId, viewerToken(channelId, 20_000 + i)));

    let holder = "";
    const waitUntil = Date.now() + 10_000;
    while (Date.now() < waitUntil) {
      holder = (await probe?.get(keys.lease(channelId))) ?? "";
      if (holder && ((await probe?.llen(keys.processing(channelId))) ?? 0) > 0) break;
      await sleep(50);
    }
    const pid = Number(holder.split(":")[1]);
    const victim = ebs.find((e) => e.pid === pid);
    const survivor = ebs.find((e) => e.pid !== pid) as Child;
    expect(victim, `the lease ${holder} names one of the two EBS processes`).toBeDefined();
    expect(await probe?.llen(keys.processing(channelId))).toBeGreaterThan(0);

    victim?.child.kill("SIGKILL");
    expect(await victim?.exited).toBeNull();
    for (let i = 0; i < 5; i++)
      posted.push(await post(survivor, channelId, viewerToken(channelId, 30_000 + i)));
    await api.faults(0);

    const deadline = Date.now() + 25_000;
    const finals = await Promise.all(posted.map((p) => finalStatus(survivor, p, deadline)));
    expect(finals).toEqual(Array(15).fill("sent"));
    expect(await api.actionsInChat(channelId)).toBe(15);
    // The batch the victim held was counted by whoever marked it sent: none lost, none twice.
    expect(await liveState(survivor, viewerToken(channelId, 0))).toMatchObject({
      streamCount: 15,
      allTimeCount: 15,
    });
    expect(survivor.output()).toContain('"event":"lease_taken_over"');
    ebs = [survivor];
  }, 50_000);

  it("on SIGTERM the surviving instance hands back what it holds, closes Redis and exits 0", async () => {
    const [survivor] = ebs as [Child];
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    expect(survivor.output()).toContain('"event":"handed_back"');
    expect(await clientLists(probe as RedisClient)).not.toMatch(/name=ebs(-subscriber)? /);
  }, 20_000);
});
