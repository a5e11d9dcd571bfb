import { describe, expect, it } from "vitest";
import { type LiveState, livePubSubMessage, livePubSubMessageSchema, liveStateSchema } from "./live-state.ts";

const state: LiveState = {
  channelId: "123",
  version: 7,
  stream: { live: true, startedAt: "2026-12-01T17:00:00Z" },
  streamCount: 3,
  allTimeCount: 40,
  recent: [
    { displayName: "Ana", kind: "hype", at: "2026-12-01T17:05:00Z" },
    { displayName: null, kind: "hype", at: "2026-12-01T17:04:00Z" },
  ],
};

describe("live state", () => {
  it("travels as a PubSub message the panel parses back to the same state", () => {
    const parsed = livePubSubMessageSchema.parse(JSON.parse(livePubSubMessage(state)));
    expect(parsed).toEqual({ type: "live", state });
  });

  it("refuses to build a message over Twitch's 5 KB, naming the channel and the size", () => {
    const huge = { ...state, recent: [{ displayName: "x".repeat(5200), kind: "hype" as const, at: "t" }] };
    expect(() => livePubSubMessage(huge)).toThrow(
      /channel 123 is 5\d{3} bytes as a PubSub message: Twitch takes at most 5120/,
    );
  });

  it("refuses an unknown kind of action", () => {
    const result = liveStateSchema.safeParse({
      ...state,
      recent: [{ displayName: "Ana", kind: "nope", at: "t" }],
    });
    expect(result.success).toBe(false);
  });
});
