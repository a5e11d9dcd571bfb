import { describe, expect, it } from "vitest";
import { createManualTime } from "../../test/support/manual-time.ts";
import {
  createActionStore,
  READ_STATUS_RETENTION_MS,
  STATUS_BYTES,
  STATUS_RETENTION_MS,
} from "./action-store.ts";

const START = Date.parse("2026-03-01T12:00:00Z");

function store(
  options: { retentionMs?: number; readRetentionMs?: number; maxRecords?: number; maxBytes?: number } = {},
) {
  const time = createManualTime(START);
  return { time, store: createActionStore({ clock: time.clock, scheduler: time.scheduler, ...options }) };
}

const record = (id: string) => ({ id, channelId: "1001", opaqueUserId: "U1" });
const sent = { status: "sent" as const, text: "Ana sent some hype" };
const kept = (s: { get(id: string): unknown }, ids: string[]) => ids.filter((id) => s.get(id) !== undefined);

describe("the statuses the EBS remembers", () => {
  it("keeps a finished action's status for the retention, then forgets it", () => {
    const { time, store: s } = store({ retentionMs: 60_000 });
    s.add(record("a"));
    s.finish(["a"], sent);
    time.advance(59_999);
    s.add(record("b"));
    expect(s.get("a")).toMatchObject({ status: "sent", text: "Ana sent some hype" });
    time.advance(1);
    expect(s.get("a")).toBeUndefined();
    expect(s.get("b")?.status).toBe("queued");
  });

  it("keeps an unread status ten minutes by default, and one its viewer has read a minute", async () => {
    const { time, store: s } = store();
    for (const id of ["read", "unread"]) s.add(record(id));
    s.finish(["read", "unread"], sent);
    expect(await s.waitForChange("read", 20_000)).toMatchObject({ status: "sent" });
    time.advance(READ_STATUS_RETENTION_MS - 1);
    expect(kept(s, ["read", "unread"])).toEqual(["read", "unread"]);
    time.advance(1);
    expect(kept(s, ["read", "unread"])).toEqual(["unread"]);
    time.advance(STATUS_RETENTION_MS - READ_STATUS_RETENTION_MS);
    expect(kept(s, ["read", "unread"])).toEqual([]);
  });

  it("counts a status as read when a waiting long-poll is answered with it", async () => {
    const { time, store: s } = store({ readRetentionMs: 1000 });
    s.add(record("a"));
    const waiting = s.waitForChange("a", 20_000);
    s.finish(["a"], sent);
    expect(await waiting).toMatchObject({ id: "a", status: "sent", text: "Ana sent some hype" });
    time.advance(1000);
    expect(s.get("a")).toBeUndefined();
  });

  it("does not count a status as read when it is only looked up (before the route checks whose it is)", () => {
    const { time, store: s } = store({ readRetentionMs: 1000 });
    s.add(record("a"));
    s.finish(["a"], sent);
    expect(s.get("a")?.status).toBe("sent");
    time.advance(1000);
    expect(s.get("a")?.status).toBe("sent");
  });

  it("answers an unknown id at once, and a queued one with queued when the wait is over", async () => {
    const { time, store: s } = store();
    expect(await s.waitForChange("nobody", 20_000)).toBeUndefined();
    s.add(record("a"));
    const waiting = s.waitForChange("a", 20_000);
    time.advance(20_000);
    expect(await waiting).toMatchObject({ status: "queued" });
  });

  it("never forgets an action still queued, whatever its age or the bounds", () => {
    const { time, store: s } = store({ retentionMs: 1000, maxRecords: 2 });
    s.add(record("waiting"));
    for (const id of ["a", "b", "c", "d"]) {
      s.add(record(id));
      s.finish([id], sent);
    }
    time.advance(3_600_000);
    s.add(record("next"));
    expect(kept(s, ["waiting", "a", "b", "c", "d", "next"])).toEqual(["waiting", "next"]);
    expect(s.get("waiting")?.status).toBe("queued");
  });

  it("when full, forgets the statuses already read first, then the oldest", async () => {
    const { store: s } = store({ maxRecords: 3 });
    for (const id of ["a", "b", "c", "d", "e"]) s.add(record(id));
    s.finish(["a", "b", "c"], sent);
    await s.waitForChange("c", 0);
    expect(kept(s, ["a", "b", "c"])).toEqual(["a", "b", "c"]);
    s.finish(["d"], sent);
    expect(kept(s, ["a", "b", "c", "d"])).toEqual(["a", "b", "d"]);
    s.finish(["e"], sent);
    expect(kept(s, ["a", "b", "c", "d", "e"])).toEqual(["b", "d", "e"]);
  });

  it("bounds their bytes, counting a text once however many statuses share it", () => {
    const text = "x".repeat(280);
    const budget = 100 * STATUS_BYTES + 2_000;
    const ids = Array.from({ length: 100 }, (_, i) => `s${i}`);
    const fill = (textOf: (i: number) => string, perMessage: number) => {
      const { store: s } = store({ maxBytes: budget });
      for (const id of ids) s.add(record(id));
      for (let i = 0; i < ids.length; i += perMessage) {
        s.finish(ids.slice(i, i + perMessage), { status: "sent", text: textOf(i) });
      }
      return kept(s, ids);
    };
    expect(fill(() => text, 100)).toHaveLength(100);
    expect(fill(() => "x".repeat(280), 1)).toHaveLength(100);
    const own = fill((i) => `${i} ${text}`, 1);
    expect(own.length).toBeLessThan(30);
    expect(own).toEqual(ids.slice(-own.length));
  });

  it("keeps a failed status's error, shared by the actions of the message", () => {
    const { store: s } = store();
    for (const id of ["a", "b"]) s.add(record(id));
    const error = { code: "twitch_unavailable" as const, message: "Twitch did not answer." };
    s.finish(["a", "b"], { status: "failed", error });
    expect(s.get("a")).toEqual({ id: "a", channelId: "1001", opaqueUserId: "U1", status: "failed", error });
    expect(s.get("b")?.error).toBe(s.get("a")?.error);
  });

  it("sets an outcome once: a later finish of the same action changes nothing", () => {
    const { store: s } = store();
    s.add(record("a"));
    s.finish(["a"], sent);
    s.finish(["a", "unknown"], { status: "failed", error: { code: "internal", message: "no" } });
    expect(s.get("a")).toMatchObject({ status: "sent", text: "Ana sent some hype" });
    expect(s.get("unknown")).toBeUndefined();
  });

  it("stays right over many rounds of forgetting", () => {
    const { time, store: s } = store({ retentionMs: 10, maxRecords: 50_000 });
    for (let i = 0; i < 20_000; i++) {
      s.add(record(`r${i}`));
      s.finish([`r${i}`], { status: "sent", text: "x" });
      time.advance(1);
    }
    // Now is 20,000 ms after the first: finished 10 ms or more before it, forgotten; the last nine kept.
    const all = Array.from({ length: 20_000 }, (_, i) => `r${i}`);
    expect(kept(s, all)).toEqual(Array.from({ length: 9 }, (_, i) => `r${19_991 + i}`));
  });
});
