import { type LiveRefusal, type LiveState, livePubSubMessageSchema } from "@ext/shared";
import type { HelixCall } from "@ext/shared/server";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createManualTime } from "../../test/support/manual-time.ts";
import { emptyLiveRecord, type LiveStore } from "../store/live-store.ts";
import { type HelixAnswer, type HelixClient, HelixError } from "../twitch/helix-client.ts";
import { createMemoryBroadcastGate } from "./broadcast-gate.ts";
import { createLiveBroadcaster } from "./live-broadcaster.ts";

const START = Date.parse("2026-03-01T12:00:00Z");
const CHANNEL = "41";

/** Lets the broadcaster's awaits (store read, gate, Helix answer) run. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

type Answer = (call: HelixCall<unknown>) => HelixAnswer<unknown> | HelixError;

function setup(options: { answer?: Answer; intervalMs?: number } = {}) {
  const time = createManualTime(START);
  const state: LiveState = { ...emptyLiveRecord(CHANNEL).state };
  const store: LiveStore = {
    read: async (channelId) => ({ ...emptyLiveRecord(channelId), state: structuredClone(state) }),
    countSent: async () => {},
    setStream: async () => false,
    recordRefusal: async () => {},
  };
  const sent: { at: number; state: LiveState; call: HelixCall<unknown> }[] = [];
  const ok: Answer = () => ({ status: 204, data: undefined, rateLimit: { remaining: 99 }, durationMs: 1 });
  const answer = options.answer ?? ok;
  const helix: HelixClient = {
    hasAppCredentials: true,
    async call<T>(call: HelixCall<T>) {
      const body = (call.body as { json: { message: string } }).json;
      sent.push({
        at: time.clock(),
        state: livePubSubMessageSchema.parse(JSON.parse(body.message)).state,
        call,
      });
      const result = answer(call);
      if (result instanceof HelixError) throw result;
      return result as HelixAnswer<T>;
    },
  };
  const refusals: LiveRefusal[] = [];
  const broadcaster = createLiveBroadcaster({
    store,
    helix,
    gate: createMemoryBroadcastGate(options.intervalMs ?? 1000),
    clock: time.clock,
    scheduler: time.scheduler,
    logger: pino({ level: "silent" }),
    onRefused: (_channelId, refusal) => refusals.push(refusal),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
  });
  /** A change of the channel's state, as a count would make it. */
  const change = () => {
    state.version++;
    state.allTimeCount++;
    state.streamCount++;
    broadcaster.changed(CHANNEL);
  };
  /** Moves the manual clock in steps, letting the broadcaster act at each. */
  const advance = async (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      time.advance(Math.min(step, ms - t));
      await settle();
    }
  };
  return { time, state, sent, refusals, change, advance, broadcaster };
}

describe("the live broadcaster", () => {
  it("sends a change at once to the channel's broadcast target, then coalesces a burst into one message a second with the latest state", async () => {
    const t = setup();
    t.change();
    await t.advance(0);
    await t.advance(100);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.call.body).toMatchObject({ json: { target: ["broadcast"], broadcaster_id: CHANNEL } });
    expect(t.sent[0]?.state.allTimeCount).toBe(1);
    for (let i = 0; i < 30; i++) t.change();
    await t.advance(900);
    expect(t.sent).toHaveLength(1);
    await t.advance(300);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.state).toMatchObject({ version: 31, allTimeCount: 31 });
    expect((t.sent[1]?.at ?? 0) - (t.sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    await t.advance(5000);
    expect(t.sent).toHaveLength(2);
  });

  it("never sends more than one message per channel per interval under a steady stream of changes", async () => {
    const t = setup();
    for (let i = 0; i < 600; i++) {
      t.change();
      await t.advance(100);
    }
    await t.advance(2000);
    // 60 s of changes every 100 ms: at most one a second, and the last state reached the panels.
    expect(t.sent.length).toBeLessThanOrEqual(61);
    expect(t.sent.length).toBeGreaterThanOrEqual(55);
    expect(t.sent.at(-1)?.state.version).toBe(600);
    const gaps = t.sent.slice(1).map((s, i) => s.at - (t.sent[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it("waits until Ratelimit-Reset when Twitch says the bucket is empty", async () => {
    const resetAt = START / 1000 + 30;
    const t = setup({
      answer: () => ({
        status: 204,
        data: undefined,
        rateLimit: { remaining: 0, resetAtSeconds: resetAt },
        durationMs: 1,
      }),
    });
    t.change();
    await t.advance(100);
    expect(t.sent).toHaveLength(1);
    t.change();
    await t.advance(29_000, 500);
    expect(t.sent).toHaveLength(1);
    await t.advance(1500, 500);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.at).toBeGreaterThanOrEqual(resetAt * 1000);
  });

  it("waits after a 429 until Ratelimit-Reset, then sends the latest state, and tells the dashboard", async () => {
    let refuse = true;
    const resetAt = START / 1000 + 10;
    const t = setup({
      answer: () =>
        refuse
          ? new HelixError({
              endpoint: "Send Extension PubSub Message",
              message: "Twitch answered 429",
              status: 429,
              rateLimit: { remaining: 0, resetAtSeconds: resetAt },
              durationMs: 1,
            })
          : { status: 204, data: undefined, rateLimit: {}, durationMs: 1 },
    });
    t.change();
    await t.advance(100);
    expect(t.sent).toHaveLength(1);
    refuse = false;
    t.change();
    await t.advance(9000, 500);
    expect(t.sent).toHaveLength(1);
    await t.advance(1500, 500);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.state.version).toBe(2);
    expect(t.refusals).toEqual([
      expect.objectContaining({ call: "pubsub", status: 429, code: "twitch_rate_limited" }),
    ]);
  });

  it("refuses a state over 5 KB without calling Twitch, and says why on the dashboard", async () => {
    const t = setup();
    const long = "x".repeat(1100);
    t.state.recent = Array.from({ length: 5 }, () => ({
      displayName: long,
      kind: "hype" as const,
      at: "2026",
    }));
    t.change();
    await t.advance(200);
    expect(t.sent).toEqual([]);
    expect(t.refusals).toEqual([
      expect.objectContaining({
        call: "pubsub",
        code: "pubsub_message_too_large",
        words: expect.stringMatching(/at most 5120/),
      }),
    ]);
  });

  it("remembers Twitch's refusal with the rig's diagnosis and does not retry the same state", async () => {
    const t = setup({
      answer: () =>
        new HelixError({
          endpoint: "Send Extension PubSub Message",
          message: "Twitch answered 403",
          status: 403,
          twitchMessage: "Wrong channel requested",
          diagnosisCode: "pubsub_perms_missing",
          diagnosis: "The JWT's pubsub_perms.send does not list broadcast.",
          durationMs: 1,
        }),
    });
    t.change();
    await t.advance(5000);
    expect(t.sent).toHaveLength(1);
    expect(t.refusals).toEqual([
      {
        at: expect.stringMatching(/^2026-03-01T12:00:00/),
        call: "pubsub",
        status: 403,
        code: "pubsub_perms_missing",
        words: expect.stringContaining("pubsub_perms.send does not list broadcast"),
      },
    ]);
  });

  it("retries a broadcast Twitch did not answer, a bounded number of times", async () => {
    const t = setup({
      answer: () =>
        new HelixError({ endpoint: "Send Extension PubSub Message", message: "no answer", durationMs: 1 }),
    });
    t.change();
    await t.advance(60_000, 500);
    expect(t.sent).toHaveLength(4);
    expect(t.refusals).toEqual([]);
  });

  it("keeps at most maxInFlight PubSub calls open over all channels, and sends the others once one answers", async () => {
    const time = createManualTime(START);
    const store: LiveStore = {
      read: async (channelId) => ({
        ...emptyLiveRecord(channelId),
        state: { ...emptyLiveRecord(channelId).state, version: 1 },
      }),
      countSent: async () => {},
      setStream: async () => false,
      recordRefusal: async () => {},
    };
    const open: { channel: string; answer: () => void }[] = [];
    const helix: HelixClient = {
      hasAppCredentials: true,
      call<T>(call: HelixCall<T>) {
        const channel = (call.body as { json: { broadcaster_id: string } }).json.broadcaster_id;
        return new Promise<HelixAnswer<T>>((resolve) => {
          open.push({
            channel,
            answer: () => resolve({ status: 204, data: undefined as T, rateLimit: {}, durationMs: 1 }),
          });
        });
      },
    };
    const broadcaster = createLiveBroadcaster({
      store,
      helix,
      gate: createMemoryBroadcastGate(1000),
      clock: time.clock,
      scheduler: time.scheduler,
      logger: pino({ level: "silent" }),
      onRefused: () => {},
      maxInFlight: 2,
    });
    for (const channel of ["1", "2", "3", "4"]) broadcaster.changed(channel);
    for (let i = 0; i < 10; i++) {
      time.advance(50);
      await settle();
    }
    expect(open.map((c) => c.channel)).toEqual(["1", "2"]);
    open[0]?.answer();
    for (let i = 0; i < 10; i++) {
      time.advance(50);
      await settle();
    }
    expect(open.map((c) => c.channel)).toEqual(["1", "2", "3"]);
    for (const c of open) c.answer();
    for (let i = 0; i < 10; i++) {
      time.advance(50);
      await settle();
    }
    expect(open.map((c) => c.channel).sort()).toEqual(["1", "2", "3", "4"]);
  });

  it("sends nothing once stopped", async () => {
    const t = setup();
    t.broadcaster.stop();
    t.change();
    await t.advance(2000);
    expect(t.sent).toEqual([]);
  });
});
