import { describe, expect, it } from "vitest";
import { diagnosePubSubCall } from "../diagnosis/pubsub-call.ts";
import { signExtensionJwt } from "../jwt/sign.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { externalClaimsFor, helixCallUrl } from "./helix-call.ts";
import { getStreams, sendExtensionPubSubMessage, streamOf } from "./live-calls.ts";

const bases = { api: "http://127.0.0.1:8090", auth: "http://127.0.0.1:8091" };
const clock = () => Date.parse("2026-03-01T12:00:00Z");

describe("Send Extension PubSub Message", () => {
  it("broadcasts to the channel with string ids, no trailing slash, and a JWT allowed to send there", () => {
    const call = sendExtensionPubSubMessage({ broadcasterId: "41", message: '{"type":"live"}' });
    expect(helixCallUrl(call, bases)).toBe("http://127.0.0.1:8090/helix/extensions/pubsub");
    expect(call.method).toBe("POST");
    expect(call.body).toEqual({
      json: {
        target: ["broadcast"],
        broadcaster_id: "41",
        is_global_broadcast: false,
        message: '{"type":"live"}',
      },
    });
    expect(call.auth).toEqual({ kind: "external", channelId: "41", pubsubSend: ["broadcast"] });
    if (call.auth.kind !== "external") throw new Error("external auth expected");
    expect(externalClaimsFor(call.auth, { ownerUserId: "9", clock })).toMatchObject({
      channel_id: "41",
      user_id: "9",
      role: "external",
      pubsub_perms: { send: ["broadcast"] },
    });
  });

  it("is a call the shared PubSub diagnosis (the rig's judge) accepts", () => {
    const secret = Buffer.alloc(32, 7).toString("base64");
    const ring = createSecretRing([secret]);
    const call = sendExtensionPubSubMessage({ broadcasterId: "41", message: "hi" });
    if (call.auth.kind !== "external" || !call.body || !("json" in call.body)) throw new Error("shape");
    const jwt = signExtensionJwt(externalClaimsFor(call.auth, { ownerUserId: "9", clock }), ring, clock);
    const verdict = diagnosePubSubCall({
      call: { authorization: `Bearer ${jwt}`, clientIdHeader: "cid", body: call.body.json },
      extension: { clientId: "cid", ownerUserId: "9", secrets: ring },
      clock,
    });
    expect(verdict).toMatchObject({ ok: true, broadcasterId: "41", targets: ["broadcast"], message: "hi" });
  });

  it("refuses a numeric broadcaster id before anything is signed", () => {
    const numeric = 41 as unknown as string;
    expect(() => sendExtensionPubSubMessage({ broadcasterId: numeric, message: "" })).toThrow(
      TwitchRuleError,
    );
  });
});

describe("Get Streams", () => {
  it("asks for one channel by user_id with an app access token", () => {
    const call = getStreams({ userId: "41" });
    expect(helixCallUrl(call, bases)).toBe("http://127.0.0.1:8090/helix/streams?user_id=41");
    expect(call.auth).toEqual({ kind: "app" });
    expect(() => getStreams({ userId: "streamer" })).toThrow(TwitchRuleError);
  });

  it("reads started_at while live and empty data as offline, and refuses a stream without started_at", () => {
    const call = getStreams({ userId: "41" });
    const live = call.response.parse({
      data: [{ id: "1", user_id: "41", type: "live", started_at: "2026-03-01T11:00:00Z" }],
      pagination: {},
    });
    expect(streamOf(live)).toEqual({ live: true, startedAt: "2026-03-01T11:00:00Z" });
    expect(streamOf(call.response.parse({ data: [] }))).toEqual({ live: false });
    expect(call.response.safeParse({ data: [{ user_id: "41" }] }).success).toBe(false);
  });
});
