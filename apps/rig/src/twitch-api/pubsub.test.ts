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

  it("answers the 101st message in a minute with 429", async () => {
    for (let i = 0; i < 100; i++) {
      await send(pubsubClaims(), {
        target: ["broadcast"],
        broadcaster_id: FIRST_CHANNEL,
        message: String(i),
      });
    }
    const res = await send(pubsubClaims(), {
      target: ["broadcast"],
      broadcaster_id: FIRST_CHANNEL,
      message: "101",
    });
    expect(res.status).toBe(429);
    expect(received).toHaveLength(100);
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
