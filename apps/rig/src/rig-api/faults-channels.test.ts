import { correctChatCall } from "@ext/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type RigUnderTest, sendChatCall, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
afterEach(async () => {
  await rig.close();
});

function api(path: string, method: string, body?: unknown) {
  return fetch(`${rig.url}/rig/api${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function chatOf(channelId: string) {
  const res = await fetch(`${rig.url}/rig/api/channels/${channelId}/chat`);
  return ((await res.json()) as { messages: { text: string }[] }).messages;
}

const call = (channelId: string, text = "Hi") =>
  sendChatCall(rig.url, correctChatCall({ ...rig.fixture, broadcasterId: channelId }, text));

describe("POST /rig/api/channels", () => {
  it("adds a channel with the extension installed, activated and chat granted, that chat reaches", async () => {
    rig = await startRig();
    const res = await api("/channels", "POST", { id: "77000001", login: "quiet_1", displayName: "Quiet1" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      broadcasterId: "77000001",
      installedVersion: rig.fixture.version,
      activated: true,
      chatGranted: true,
    });
    expect((await call("77000001", "hello quiet")).status).toBe(204);
    expect((await chatOf("77000001")).map((m) => m.text)).toEqual(["hello quiet"]);
  });

  it("refuses an id that exists (409) and a body that is not a channel (400)", async () => {
    rig = await startRig();
    const body = { id: "77000002", login: "quiet_2", displayName: "Quiet2" };
    expect((await api("/channels", "POST", body)).status).toBe(201);
    expect((await api("/channels", "POST", body)).status).toBe(409);
    expect((await api("/channels", "POST", { id: 77000003, login: "x", displayName: "X" })).status).toBe(400);
  });

  it("limits chat per channel: a full channel does not stop another", async () => {
    rig = await startRig();
    await api("/channels", "POST", { id: "77000004", login: "quiet_4", displayName: "Quiet4" });
    await api("/channels", "POST", { id: "77000005", login: "quiet_5", displayName: "Quiet5" });
    for (let i = 0; i < 12; i++) expect((await call("77000004")).status).toBe(204);
    expect((await call("77000004")).status).toBe(429);
    expect((await call("77000005")).status).toBe(204);
  });
});

describe("PATCH /rig/api/faults", () => {
  it("fails every chat call with a Helix 500 or 503 at rate 1, posts nothing and logs the fault", async () => {
    rig = await startRig();
    const patch = await api("/faults", "PATCH", { chatFailureRate: 1, kinds: ["500", "503"] });
    expect(await patch.json()).toEqual({ chatFailureRate: 1, kinds: ["500", "503"] });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(rig.fixture.broadcasterId)).status);
    expect(statuses.every((s) => s === 500 || s === 503)).toBe(true);
    expect(await chatOf(rig.fixture.broadcasterId)).toEqual([]);
    const log = (await (await api("/log", "GET")).json()) as { entries: { fault?: string }[] };
    expect(log.entries.filter((e) => e.fault !== undefined)).toHaveLength(6);
  });

  it("resets the connection for kind reset", async () => {
    rig = await startRig();
    await api("/faults", "PATCH", { chatFailureRate: 1, kinds: ["reset"] });
    await expect(call(rig.fixture.broadcasterId)).rejects.toThrow();
  });

  it("leaves the call unanswered for kind timeout", async () => {
    rig = await startRig();
    await api("/faults", "PATCH", { chatFailureRate: 1, kinds: ["timeout"] });
    const outcome = await Promise.race([
      call(rig.fixture.broadcasterId).then(
        () => "answered",
        () => "failed",
      ),
      new Promise((resolve) => setTimeout(() => resolve("no answer"), 300)),
    ]);
    expect(outcome).toBe("no answer");
  });

  it("fails about the configured share of calls, and none once set back to 0", async () => {
    let n = 0;
    rig = await startRig({ random: () => [0.1, 0, 0.9, 0.9, 0.5, 0.9][n++ % 6] as number });
    await api("/faults", "PATCH", { chatFailureRate: 0.3, kinds: ["500"] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(rig.fixture.broadcasterId)).status);
    expect(statuses).toEqual([500, 204, 204, 204]);
    await api("/faults", "PATCH", { chatFailureRate: 0 });
    expect((await call(rig.fixture.broadcasterId)).status).toBe(204);
  });

  it("refuses a rate outside 0..1 and unknown kinds", async () => {
    rig = await startRig();
    expect((await api("/faults", "PATCH", { chatFailureRate: 1.5 })).status).toBe(400);
    expect((await api("/faults", "PATCH", { chatFailureRate: 0.5, kinds: ["418"] })).status).toBe(400);
  });
});
