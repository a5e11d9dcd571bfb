import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const pushContext = (channelId: string, body: unknown) =>
  fetch(`${rig.url}/rig/api/channels/${channelId}/context`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("POST /rig/api/channels/:id/context", () => {
  it("publishes the changed context keys to the channel's frames (the SSE event context)", async () => {
    const published: unknown[] = [];
    const off = rig.state.on("context", (event) => published.push(event));
    const res = await pushContext(FIRST_CHANNEL, { language: "ja", theme: "light" });
    off();
    expect(res.status).toBe(204);
    expect(published).toEqual([{ channelId: FIRST_CHANNEL, context: { language: "ja", theme: "light" } }]);
  });

  it.each([
    [{}, /at least one context key/],
    [{ language: "Japanese!" }, /language tag/],
    [{ theme: "blue" }, /theme/],
    [{ volume: 2 }, /volume|Unrecognized/i],
  ])("refuses %j with a 400 that says why", async (body, why) => {
    const res = await pushContext(FIRST_CHANNEL, body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("body_invalid");
    expect(error.message).toMatch(why);
  });

  it("answers 404 for a channel the rig does not have", async () => {
    const res = await pushContext("999999", { language: "de" });
    expect(res.status).toBe(404);
  });
});
