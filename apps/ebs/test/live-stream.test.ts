import { EBS_PATHS, type LiveState, liveStateSchema } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { STREAM_TTL_MS } from "../src/live/stream-tracker.ts";
import { CHANNEL_ID, type Harness, startHarness } from "./support/harness.ts";

/** "Current stream" through HTTP: the EBS follows Get Streams (a fake Twitch's) for the count per stream. */
describe("the current stream", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function live(harness: Harness): Promise<LiveState> {
    const res = await harness.ebs.get(EBS_PATHS.live).set("Authorization", `Bearer ${harness.token()}`);
    expect(res.status).toBe(200);
    return liveStateSchema.parse(res.body);
  }

  /** One action sent, then the state once its count is in. */
  async function hype(harness: Harness, allTimeAfter: number): Promise<LiveState> {
    const { final } = await harness.act(harness.token({ kind: "anonymous", userId: "424244" }));
    expect(final.status).toBe("sent");
    let state = await live(harness);
    for (let i = 0; i < 100 && state.allTimeCount < allTimeAfter; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await live(harness);
    }
    return state;
  }

  it("counts per stream: a new started_at starts a new count, offline keeps the last one, one read a minute", async () => {
    h = await startHarness();
    h.fake.streams = new Map([[CHANNEL_ID, "2026-03-01T11:00:00Z"]]);
    let state = await hype(h, 1);
    expect(state).toMatchObject({
      stream: { live: true, startedAt: "2026-03-01T11:00:00Z" },
      streamCount: 1,
      allTimeCount: 1,
    });
    state = await hype(h, 2);
    expect([state.streamCount, state.allTimeCount]).toEqual([2, 2]);
    expect(h.fake.streamRequests).toBe(1);

    h.fake.streams.set(CHANNEL_ID, "2026-03-01T12:30:00Z");
    h.advance(STREAM_TTL_MS + 1);
    state = await hype(h, 3);
    expect(state).toMatchObject({
      stream: { live: true, startedAt: "2026-03-01T12:30:00Z" },
      streamCount: 1,
      allTimeCount: 3,
    });

    h.fake.streams.delete(CHANNEL_ID);
    h.advance(STREAM_TTL_MS + 1);
    state = await hype(h, 4);
    expect(state).toMatchObject({
      stream: { live: false, startedAt: "2026-03-01T12:30:00Z" },
      streamCount: 2,
      allTimeCount: 4,
    });
    expect(h.fake.streamRequests).toBe(3);
  });

  it("keeps the last stream known when Get Streams fails, logs it once, and sends every action", async () => {
    h = await startHarness();
    h.fake.streams = new Map([[CHANNEL_ID, "2026-03-01T11:00:00Z"]]);
    await hype(h, 1);
    h.fake.streams = undefined;
    for (let n = 2; n <= 4; n++) {
      h.advance(STREAM_TTL_MS + 1);
      const state = await hype(h, n);
      expect(state).toMatchObject({
        stream: { live: true, startedAt: "2026-03-01T11:00:00Z" },
        streamCount: n,
        allTimeCount: n,
      });
    }
    expect(h.logLines().filter((l) => l.event === "stream_read_failed")).toHaveLength(1);
  });

  it("reads the stream for GET /api/live before anything was counted", async () => {
    h = await startHarness();
    h.fake.streams = new Map([[CHANNEL_ID, "2026-03-01T11:00:00Z"]]);
    expect(await live(h)).toMatchObject({
      version: 1,
      stream: { live: true, startedAt: "2026-03-01T11:00:00Z" },
      streamCount: 0,
    });
  });
});
