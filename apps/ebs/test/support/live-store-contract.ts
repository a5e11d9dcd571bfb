import type { LiveHyper } from "@ext/shared";
import { expect, it } from "vitest";
import type { LiveStore } from "../../src/store/live-store.ts";

const at = (minute: number) => `2026-03-01T12:${String(minute).padStart(2, "0")}:00.000Z`;
const hyper = (displayName: string | null, minute = 0): LiveHyper => ({
  displayName,
  kind: "hype",
  at: at(minute),
});

/**
 * What every {@link LiveStore} must do, run against SQLite and Redis alike: `fresh()` gives a store, and
 * `channel()` a channel id no other test used.
 */
export function liveStoreContract(fresh: () => Promise<LiveStore>, channel: () => string): void {
  it("answers an unseen channel with nothing counted and version 0", async () => {
    const store = await fresh();
    const id = channel();
    expect(await store.read(id)).toEqual({
      state: {
        channelId: id,
        version: 0,
        stream: { live: false, startedAt: null },
        streamCount: 0,
        allTimeCount: 0,
        recent: [],
      },
      lastSentAt: null,
      lastRefusal: null,
    });
  });

  it("counts every hyper of a message, keeps the latest five newest first, and grows the version", async () => {
    const store = await fresh();
    const id = channel();
    await store.countSent(id, { hypers: [hyper("Ana", 1), hyper(null, 1)], at: at(1) });
    const names = ["Bo", "Chidi", "Dee", "Eve", "Fay", "Gus"];
    await store.countSent(id, { hypers: names.map((n) => hyper(n, 2)), at: at(2) });
    const { state, lastSentAt } = await store.read(id);
    expect(state.streamCount).toBe(8);
    expect(state.allTimeCount).toBe(8);
    expect(state.version).toBe(2);
    expect(state.recent.map((h) => h.displayName)).toEqual(["Gus", "Fay", "Eve", "Dee", "Chidi"]);
    expect(lastSentAt).toBe(at(2));
    await store.countSent(id, { hypers: [hyper(null, 3)], at: at(3) });
    const after = (await store.read(id)).state;
    expect(after.recent[0]).toEqual({ displayName: null, kind: "hype", at: at(3) });
    expect(after.recent).toHaveLength(5);
  });

  it("starts a new stream count on a newer started_at, keeps the last stream offline, ignores an older one", async () => {
    const store = await fresh();
    const id = channel();
    await store.countSent(id, { hypers: [hyper("Ana")], at: at(0) });
    expect(await store.setStream(id, { live: true, startedAt: "2026-03-01T11:00:00Z" })).toBe(true);
    expect(await store.setStream(id, { live: true, startedAt: "2026-03-01T11:00:00Z" })).toBe(false);
    await store.countSent(id, { hypers: [hyper("Bo"), hyper("Chidi")], at: at(1) });
    let { state } = await store.read(id);
    expect(state.stream).toEqual({ live: true, startedAt: "2026-03-01T11:00:00Z" });
    expect([state.streamCount, state.allTimeCount]).toEqual([2, 3]);

    expect(await store.setStream(id, { live: false })).toBe(true);
    await store.countSent(id, { hypers: [hyper("Dee")], at: at(2) });
    ({ state } = await store.read(id));
    expect(state.stream).toEqual({ live: false, startedAt: "2026-03-01T11:00:00Z" });
    expect([state.streamCount, state.allTimeCount]).toEqual([3, 4]);

    // A lagging instance's cached answer names the stream before: not a new stream.
    expect(await store.setStream(id, { live: true, startedAt: "2026-03-01T10:00:00Z" })).toBe(true);
    expect((await store.read(id)).state.stream.startedAt).toBe("2026-03-01T11:00:00Z");

    const versionBefore = (await store.read(id)).state.version;
    expect(await store.setStream(id, { live: true, startedAt: "2026-03-02T09:00:00Z" })).toBe(true);
    ({ state } = await store.read(id));
    expect(state.version).toBeGreaterThan(versionBefore);
    expect([state.streamCount, state.allTimeCount]).toEqual([0, 4]);
  });

  it("keeps the last refusal for the dashboard without changing what panels see", async () => {
    const store = await fresh();
    const id = channel();
    const refusal = {
      at: at(5),
      call: "pubsub" as const,
      status: 403,
      code: "pubsub_perms_missing",
      words: "No.",
    };
    await store.recordRefusal(id, refusal);
    const record = await store.read(id);
    expect(record.lastRefusal).toEqual(refusal);
    expect(record.state.version).toBe(0);
    const chat = { ...refusal, call: "chat" as const, status: 401, code: "chat_refused" };
    await store.recordRefusal(id, chat);
    expect((await store.read(id)).lastRefusal).toEqual(chat);
  });

  it("keeps channels apart", async () => {
    const store = await fresh();
    const [a, b] = [channel(), channel()];
    await store.countSent(a, { hypers: [hyper("Ana")], at: at(0) });
    expect((await store.read(b)).state.allTimeCount).toBe(0);
    expect((await store.read(a)).state.allTimeCount).toBe(1);
  });
}
