import { correctChatCall } from "@ext/shared/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, sendChatCall, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig({ heartbeatMs: 50 });
});
afterEach(async () => {
  await rig.close();
});

/** Reads the SSE stream until `done` says the text so far is enough. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

function parseEvent(text: string, name: string): unknown {
  const block = text.split("\n\n").find((b) => b.startsWith(`event: ${name}\n`));
  const data = block?.split("\n").find((l) => l.startsWith("data: "));
  return data ? JSON.parse(data.slice(6)) : undefined;
}

describe("GET /rig/api/events", () => {
  it("delivers a chat message, its log entry and heartbeats, and lets go of its listeners on close", async () => {
    const controller = new AbortController();
    const res = await fetch(`${rig.url}/rig/api/events`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (t) => t.includes(": connected"));
    expect(rig.state.listenerCount("chat")).toBe(1);

    expect((await sendChatCall(rig.url, correctChatCall(rig.fixture, "live!"))).status).toBe(204);
    const text = await readUntil(body, (t) => t.includes("event: log") && t.includes(": heartbeat"));
    expect(parseEvent(text, "chat")).toMatchObject({
      channelId: FIRST_CHANNEL,
      text: "live!",
      sender: "Hype Button",
    });
    expect(parseEvent(text, "log")).toMatchObject({ method: "POST", status: 204 });

    controller.abort();
    await expect.poll(() => rig.state.listenerCount("chat")).toBe(0);
  });

  it("delivers the new state when a channel changes", async () => {
    const controller = new AbortController();
    const res = await fetch(`${rig.url}/rig/api/events`, { signal: controller.signal });
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (t) => t.includes(": connected"));
    await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ chatGranted: false }),
    });
    const text = await readUntil(body, (t) => t.includes("event: state"));
    const state = parseEvent(text, "state") as {
      channels: { broadcasterId: string; chatGranted: boolean }[];
    };
    expect(state.channels.find((c) => c.broadcasterId === FIRST_CHANNEL)?.chatGranted).toBe(false);
    controller.abort();
  });
});
