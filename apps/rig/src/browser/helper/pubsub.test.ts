import { describe, expect, it, vi } from "vitest";
import type { PubSubEvent } from "../protocol.ts";
import { createPubSubListeners, type PubSubFrame } from "./pubsub.ts";

const event = (channelId: string, target: string, message: unknown = "m"): PubSubEvent => ({
  channelId,
  target,
  contentType: "application/json",
  message,
});

/** Three frames: two viewers of channel 1 (one anonymous, one who shared identity), one viewer of channel 2. */
function frames() {
  const make = (frame: PubSubFrame) => {
    const listeners = createPubSubListeners((error) => {
      throw error;
    });
    const heard: string[] = [];
    for (const target of ["broadcast", "global", `whisper-${frame.opaqueId}`]) {
      listeners.listen(target, (t, _type, message) => heard.push(`${t}:${message}`));
    }
    return { deliver: (e: PubSubEvent) => listeners.deliver(e, frame), heard };
  };
  return {
    anonymous: make({ channelId: "1", opaqueId: "Uanon" }),
    identified: make({ channelId: "1", opaqueId: "Uana", userId: "200" }),
    otherChannel: make({ channelId: "2", opaqueId: "Uother", userId: "300" }),
  };
}

describe("the mock helper's PubSub delivery", () => {
  it("gives a broadcast to every frame of its channel and to no other channel's", () => {
    const all = frames();
    for (const f of Object.values(all)) f.deliver(event("1", "broadcast", "hype"));
    expect(all.anonymous.heard).toEqual(["broadcast:hype"]);
    expect(all.identified.heard).toEqual(["broadcast:hype"]);
    expect(all.otherChannel.heard).toEqual([]);
  });

  it("gives a global message to every channel's frames", () => {
    const all = frames();
    for (const f of Object.values(all)) f.deliver(event("all", "global", "news"));
    expect(Object.values(all).map((f) => f.heard)).toEqual([
      ["global:news"],
      ["global:news"],
      ["global:news"],
    ]);
  });

  it("gives a whisper only to its viewer, addressed by opaque id or by user id once shared", () => {
    const all = frames();
    for (const f of Object.values(all)) {
      f.deliver(event("1", "whisper-Uana", "by opaque id"));
      f.deliver(event("1", "whisper-200", "by user id"));
      f.deliver(event("1", "whisper-Uanon", "to the anonymous one"));
      f.deliver(event("1", "whisper-300", "to a viewer of channel 2, sent on channel 1"));
    }
    expect(all.identified.heard).toEqual(["whisper-Uana:by opaque id", "whisper-Uana:by user id"]);
    expect(all.anonymous.heard).toEqual(["whisper-Uanon:to the anonymous one"]);
    expect(all.otherChannel.heard).toEqual([]);
  });

  it("calls a listener on both whisper forms once, and hands objects over as JSON text", () => {
    const listeners = createPubSubListeners(() => undefined);
    const callback = vi.fn();
    listeners.listen("whisper-Uana", callback);
    listeners.listen("whisper-200", callback);
    listeners.deliver(event("1", "whisper-200", { n: 1 }), {
      channelId: "1",
      opaqueId: "Uana",
      userId: "200",
    });
    expect(callback.mock.calls).toEqual([["whisper-Uana", "application/json", '{"n":1}']]);
  });
});
