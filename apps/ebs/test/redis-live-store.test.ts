import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createRedisActionStore } from "../src/delivery/redis/action-store.ts";
import { redisKeys } from "../src/delivery/redis/keys.ts";
import { systemScheduler } from "../src/delivery/scheduler.ts";
import { createRedisBroadcastGate } from "../src/live/broadcast-gate.ts";
import { createRedisLiveStore } from "../src/store/redis/live-store.ts";
import { liveStoreContract } from "./support/live-store-contract.ts";
import { useRedisServer } from "./support/redis-server.ts";

/** The Redis live store against a real redis-server: the same contract as SQLite, and counting in FINISH. */
let seq = 0;
const keys = redisKeys("live-test:");

const { connect } = useRedisServer();

describe("the Redis live store", () => {
  liveStoreContract(
    async () => createRedisLiveStore({ redis: connect(), keys }),
    () => String(5000 + ++seq),
  );

  it("counts a message's actions in the step that marks them sent, once even when two instances finish them", async () => {
    const [a, b] = [connect(), connect()];
    const clock = () => Date.parse("2026-03-01T12:00:00Z");
    const make = (redis: Redis) =>
      createRedisActionStore({ redis, subscriber: connect(), keys, clock, scheduler: systemScheduler });
    const [onA, onB] = await Promise.all([make(a), make(b)]);
    const live = createRedisLiveStore({ redis: a, keys });
    const ch = String(5000 + ++seq);
    const ids = ["x1", "x2", "x3"];
    for (const id of ids)
      await a.hset(keys.action(ch, id), { channelId: ch, opaqueUserId: `U${id}`, status: "queued" });
    const at = "2026-03-01T12:00:00.000Z";
    const count = {
      at,
      hypers: [
        { displayName: "Ana", kind: "hype" as const, at },
        { displayName: null, kind: "hype" as const, at },
        { displayName: "Bo", kind: "hype" as const, at },
      ],
    };
    // The instance that took over after a death finishes the same batch again: nothing more is counted.
    await Promise.all([
      onA.finish(ch, ids, { status: "sent", text: "t" }, "a", count),
      onB.finish(ch, ids, { status: "sent", text: "t" }, "b", count),
    ]);
    const { state, lastSentAt } = await live.read(ch);
    expect([state.allTimeCount, state.streamCount, state.version]).toEqual([3, 3, 1]);
    expect(state.recent.map((h) => h.displayName)).toEqual(["Bo", null, "Ana"]);
    expect(lastSentAt).toBe(at);
    // A failed message counts nothing.
    await a.hset(keys.action(ch, "y1"), { channelId: ch, opaqueUserId: "Uy", status: "queued" });
    await onA.finish(ch, ["y1"], { status: "failed", error: { code: "chat_refused", message: "no" } });
    expect((await live.read(ch)).state.allTimeCount).toBe(3);
    await Promise.all([onA.close(), onB.close()]);
  });

  it("lets one broadcast per channel per interval through, over all instances, and holds a block", async () => {
    const ch = String(5000 + ++seq);
    const gateA = createRedisBroadcastGate({ redis: connect(), keys, intervalMs: 1000 });
    const gateB = createRedisBroadcastGate({ redis: connect(), keys, intervalMs: 1000 });
    expect(await gateA.take(ch, 0)).toBe(0);
    const wait = await gateB.take(ch, 0);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
    await gateB.blockUntil(ch, 30_000, 0);
    expect(await gateA.take(ch, 0)).toBeGreaterThan(29_000);
  });
});
