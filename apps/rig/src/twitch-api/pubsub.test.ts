import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildExternalChatClaims, buildExternalPubSubClaims, signExtensionJwt } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PubSubEvent } from "../state/types.ts";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
let received: PubSubEvent[];
beforeEach(async () => {
  rig = await startRig();
  received = [];
  rig.state.on("pubsub", (event) => received.push(event));
});
afterEach(async () => {
  await rig.close();
});

const { clientId, ownerUserId } = DEV_CONFIG.extension;

function send(claims: object, body: Record<string, unknown>) {
  const jwt = signExtensionJwt(claims as never, rig.state.secrets.ring(), rig.now);
  return fetch(`${rig.url}/helix/extensions/pubsub`, {
    method: "POST",
    headers: { Authorization: `Bearer ${jwt}`, "Client-Id": clientId, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

const rateHeaders = (res: Response) =>
  ["Ratelimit-Limit", "Ratelimit-Remaining", "Ratelimit-Reset"].map((name) => res.headers.get(name));

/** Reads the SSE stream until `done` says the text so far is enough. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let reads = 0; reads < 1000 && !done(text); reads++) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

const pubsubClaims = () =>
  buildExternalPubSubClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now });

describe("POST /helix/extensions/pubsub", () => {
  it("relays a broadcast to the channel's frames and answers 204", async () => {
    const res = await send(pubsubClaims(), {
      target: ["broadcast"],
      broadcaster_id: FIRST_CHANNEL,
      message: "hi",
    });
    expect(res.status).toBe(204);
    expect(received).toEqual([
      { channelId: FIRST_CHANNEL, target: "broadcast", contentType: "application/json", message: "hi" },
    ]);
  });

  it("refuses a JWT without pubsub_perms.send for the target", async () => {
    const claims = buildExternalChatClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now });
    const res = await send(claims, { target: ["broadcast"], broadcaster_id: FIRST_CHANNEL, message: "hi" });
    expect(res.status).toBe(401);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("pubsub_perms_missing");
    expect(received).toEqual([]);
  });

  it("refuses a message over 5 KB and a JWT for another channel", async () => {
    const big = await send(pubsubClaims(), {
      target: ["broadcast"],
      broadcaster_id: FIRST_CHANNEL,
      message: "x".repeat(5121),
    });
    expect([big.status, big.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([400, "pubsub_message_too_large"]);
    const other = await send(pubsubClaims(), {
      target: ["broadcast"],
      broadcaster_id: "41000002",
      message: "hi",
    });
    expect([other.status, other.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([401, "channel_id_mismatch"]);
  });

  it("lets a burst of 100 through, answers the 101st with 429 and Ratelimit-*, then one a second", async () => {
    const broadcastN = (i: number) =>
      send(pubsubClaims(), { target: ["broadcast"], broadcaster_id: FIRST_CHANNEL, message: String(i) });
    for (let i = 0; i < 100; i++) expect((await broadcastN(i)).status).toBe(204);
    const res = await broadcastN(101);
    const resetAt = Math.ceil(rig.now() / 1000) + 100;
    expect(res.status).toBe(429);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("rate_limited");
    expect(decodeURIComponent(res.headers.get(DIAGNOSIS_HEADERS.message) ?? "")).toMatch(
      /bucket of 100 PubSub messages that refills one a second/,
    );
    expect(rateHeaders(res)).toEqual(["100", "0", String(resetAt)]);
    expect(received).toHaveLength(100);

    rig.advance(1000);
    const refilled = await broadcastN(102);
    expect(refilled.status).toBe(204);
    // The one use it gained back is spent: full again 100 s from the refill.
    expect(rateHeaders(refilled)).toEqual(["100", "0", String(resetAt + 1)]);
    expect((await broadcastN(103)).status).toBe(429);
    rig.advance(100_000);
    expect(rateHeaders(await broadcastN(104))).toEqual([
      "100",
      "99",
      String(Math.ceil(rig.now() / 1000) + 1),
    ]);
  });

  it("counts whispers against their channel's bucket, and gives global broadcasts a bucket of their own", async () => {
    for (let i = 0; i < 99; i++) rig.state.pubsubLimit.take(FIRST_CHANNEL);
    const whisperClaims = buildExternalPubSubClaims({
      ownerUserId,
      channelId: FIRST_CHANNEL,
      clock: rig.now,
      targets: ["whisper-U1", "broadcast"],
    });
    const whisper = await send(whisperClaims, {
      target: ["whisper-U1"],
      broadcaster_id: FIRST_CHANNEL,
      message: "psst",
    });
    expect([whisper.status, whisper.headers.get("Ratelimit-Remaining")]).toEqual([204, "0"]);
    const after = await send(whisperClaims, {
      target: ["broadcast"],
      broadcaster_id: FIRST_CHANNEL,
      message: "x",
    });
    expect(after.status).toBe(429);

    const global = await send(
      {
        exp: Math.floor(rig.now() / 1000) + 60,
        user_id: ownerUserId,
        role: "external",
        channel_id: "all",
        pubsub_perms: { send: ["global"] },
      },
      { target: ["global"], is_global_broadcast: true, message: "news" },
    );
    expect([global.status, global.headers.get("Ratelimit-Remaining")]).toEqual([204, "99"]);
    const otherChannel = DEV_CONFIG.channels[1]?.broadcasterId as string;
    const other = await send(
      buildExternalPubSubClaims({ ownerUserId, channelId: otherChannel, clock: rig.now }),
      { target: ["broadcast"], broadcaster_id: otherChannel, message: "x" },
    );
    expect([other.status, other.headers.get("Ratelimit-Remaining")]).toEqual([204, "99"]);
  });

  it("relays broadcasts, whispers and global messages over the SSE stream with their channel and target", async () => {
    const controller = new AbortController();
    const stream = await fetch(`${rig.url}/rig/api/events`, { signal: controller.signal });
    const body = stream.body as ReadableStream<Uint8Array>;
    await readUntil(body, (t) => t.includes(": connected"));
    const claims = buildExternalPubSubClaims({
      ownerUserId,
      channelId: FIRST_CHANNEL,
      clock: rig.now,
      targets: ["broadcast", "whisper-200000002"],
    });
    await send(claims, { target: ["broadcast"], broadcaster_id: FIRST_CHANNEL, message: "all of you" });
    await send(claims, { target: ["whisper-200000002"], broadcaster_id: FIRST_CHANNEL, message: "just you" });
    await send(
      {
        exp: Math.floor(rig.now() / 1000) + 60,
        user_id: ownerUserId,
        role: "external",
        channel_id: "all",
        pubsub_perms: { send: ["global"] },
      },
      { target: ["global"], is_global_broadcast: true, message: "everyone" },
    );
    const text = await readUntil(body, (t) => t.split("event: pubsub").length > 3);
    controller.abort();
    const events = text
      .split("\n\n")
      .filter((block) => block.startsWith("event: pubsub\n"))
      .map((block) => JSON.parse(block.split("\ndata: ")[1] as string));
    expect(events).toEqual([
      {
        channelId: FIRST_CHANNEL,
        target: "broadcast",
        contentType: "application/json",
        message: "all of you",
      },
      {
        channelId: FIRST_CHANNEL,
        target: "whisper-200000002",
        contentType: "application/json",
        message: "just you",
      },
      { channelId: "all", target: "global", contentType: "application/json", message: "everyone" },
    ]);
  });
});

describe("POST /rig/api/pubsub/send (a frontend's Twitch.ext.send)", () => {
  async function token(viewer: string): Promise<string> {
    const res = await fetch(`${rig.url}/rig/api/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channelId: FIRST_CHANNEL, viewer }),
    });
    return ((await res.json()) as { auth: { token: string } }).auth.token;
  }
  const sendFromFrontend = (body: object) =>
    fetch(`${rig.url}/rig/api/pubsub/send`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("relays the broadcaster's broadcast", async () => {
    const res = await sendFromFrontend({
      token: await token("broadcaster"),
      target: "broadcast",
      contentType: "application/json",
      message: { hype: 1 },
    });
    expect(res.status).toBe(204);
    expect(received).toEqual([
      {
        channelId: FIRST_CHANNEL,
        target: "broadcast",
        contentType: "application/json",
        message: { hype: 1 },
      },
    ]);
  });

  it("refuses a viewer, as Twitch lets only the broadcaster send from the frontend", async () => {
    const res = await sendFromFrontend({
      token: await token("identified"),
      target: "broadcast",
      message: "x",
    });
    expect(res.status).toBe(403);
    expect(received).toEqual([]);
  });
});
