import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { createDeliveryQueue } from "./delivery-queue.ts";
import { systemScheduler } from "./scheduler.ts";

describe("the in-memory queue's enqueueOnce", () => {
  it("queues one action per key, answers the first one's id after, and sends it once", async () => {
    const sent: string[] = [];
    const queue = createDeliveryQueue({
      chat: {
        send: async ({ text }) => {
          sent.push(text);
          return {};
        },
      },
      users: {
        displayName: async () => "Ana",
        displayNames: async (ids) => new Map(ids.map((id) => [id, "Ana"])),
      },
      clock: Date.now,
      scheduler: systemScheduler,
      logger: createLogger({ level: "silent" }),
    });
    const action = (id: string) => ({
      id,
      kind: "purchase" as const,
      channelId: "1001",
      opaqueUserId: "U424242",
      userId: "424242",
      template: "{viewer} cheered 500 Bits: Mega Hype!",
    });
    expect(await queue.enqueueOnce(action("a1"), "tx-1")).toEqual({ id: "a1", queued: true });
    expect(await queue.enqueueOnce(action("a2"), "tx-1")).toEqual({ id: "a1", queued: false });
    expect(await queue.enqueueOnce(action("a3"), "tx-2")).toEqual({ id: "a3", queued: true });
    expect(await queue.waitForChange("a1", "1001", 2000)).toMatchObject({ status: "sent" });
    expect(await queue.waitForChange("a3", "1001", 2000)).toMatchObject({ status: "sent" });
    expect(await queue.status("a2", "1001")).toBeUndefined();
    expect(sent).toEqual(["Ana cheered 500 Bits: Mega Hype!", "Ana cheered 500 Bits: Mega Hype!"]);
    await queue.drain(100);
  });
});
