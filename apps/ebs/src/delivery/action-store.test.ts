import { describe, expect, it } from "vitest";
import { createManualTime } from "../../test/support/manual-time.ts";
import { createActionStore } from "./action-store.ts";

const START = Date.parse("2026-03-01T12:00:00Z");

function store(options: { retentionMs?: number; maxRecords?: number } = {}) {
  const time = createManualTime(START);
  return { time, store: createActionStore({ clock: time.clock, scheduler: time.scheduler, ...options }) };
}

const record = (id: string) => ({ id, channelId: "1001", opaqueUserId: "U1", status: "queued" as const });

describe("the statuses the EBS remembers", () => {
  it("keeps a finished action's status for the retention, then forgets it", () => {
    const { time, store: s } = store({ retentionMs: 60_000 });
    s.add(record("a"));
    s.finish("a", { status: "sent", text: "Ana sent some hype" });
    time.advance(59_999);
    s.add(record("b"));
    expect(s.get("a")).toMatchObject({ status: "sent", text: "Ana sent some hype" });
    time.advance(1);
    s.add(record("c"));
    expect(s.get("a")).toBeUndefined();
    expect(s.get("b")?.status).toBe("queued");
  });

  it("never forgets an action still queued because of its age", () => {
    const { time, store: s } = store({ retentionMs: 1000 });
    s.add(record("waiting"));
    time.advance(3_600_000);
    s.add(record("next"));
    expect(s.get("waiting")?.status).toBe("queued");
  });

  it("forgets the oldest records first when full, whatever their state", () => {
    const { store: s } = store({ maxRecords: 3 });
    for (const id of ["a", "b", "c", "d", "e"]) s.add(record(id));
    expect(["a", "b", "c", "d", "e"].map((id) => s.get(id) !== undefined)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it("stays right over many rounds of forgetting (its order is compacted as it goes)", () => {
    const { time, store: s } = store({ retentionMs: 10, maxRecords: 50_000 });
    for (let i = 0; i < 20_000; i++) {
      s.add(record(`r${i}`));
      s.finish(`r${i}`, { status: "sent", text: "x" });
      time.advance(1);
    }
    // Finished 10 ms or more before the last add: forgotten, every one of them; the last ten kept.
    const kept = Array.from({ length: 20_000 }, (_, i) => `r${i}`).filter((id) => s.get(id) !== undefined);
    expect(kept).toEqual(Array.from({ length: 10 }, (_, i) => `r${19_990 + i}`));
  });
});
