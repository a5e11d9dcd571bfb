import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretRing } from "../secrets/ring.ts";
import { forgeJwt } from "../testing/forge.ts";
import type { ExtensionIdentity } from "./external-jwt.ts";
import { diagnosePubSubCall, type PubSubCall } from "./pubsub-call.ts";

const NOW = 1_800_000_000;
const clock = () => NOW * 1000;
const secret = randomBytes(32).toString("base64");
const extension: ExtensionIdentity = {
  clientId: "abcdefghij0123456789abcdefghij",
  ownerUserId: "100000001",
  secrets: createSecretRing(secret),
};
const CHANNEL = "200000001";

function jwt(extra: Record<string, unknown>): string {
  const claims = { exp: NOW + 60, user_id: extension.ownerUserId, role: "external", ...extra };
  return forgeJwt({
    header: { alg: "HS256", typ: "JWT" },
    payloadText: JSON.stringify(claims),
    key: Buffer.from(secret, "base64"),
  });
}

function judge(call: Partial<PubSubCall> & { claims?: Record<string, unknown> }) {
  const { claims, ...rest } = call;
  return diagnosePubSubCall({
    call: {
      authorization: `Bearer ${jwt(claims ?? { channel_id: CHANNEL, pubsub_perms: { send: ["broadcast"] } })}`,
      clientIdHeader: extension.clientId,
      body: { target: ["broadcast"], broadcaster_id: CHANNEL, message: "hi" },
      ...rest,
    },
    extension,
    clock,
  });
}

describe("diagnosePubSubCall", () => {
  it("accepts a broadcast, and a call whose path was not given", () => {
    expect(judge({})).toEqual({
      ok: true,
      broadcasterId: CHANNEL,
      targets: ["broadcast"],
      message: "hi",
      isGlobalBroadcast: false,
    });
    expect(judge({ path: "/helix/extensions/pubsub" }).ok).toBe(true);
  });

  it("refuses a trailing slash before it reads the token, as a router would", () => {
    expect(judge({ path: "/helix/extensions/pubsub/", authorization: undefined })).toMatchObject({
      ok: false,
      status: 403,
      code: "pubsub_path_trailing_slash",
    });
  });

  it("lets '*' in pubsub_perms.send allow every target, and refuses perms that are not an object first", () => {
    const star = judge({
      claims: { channel_id: CHANNEL, pubsub_perms: { send: ["*"] } },
      body: { target: ["broadcast", "whisper-U1"], broadcaster_id: CHANNEL, message: "x" },
    });
    expect(star).toMatchObject({ ok: true, targets: ["broadcast", "whisper-U1"] });
    const array = judge({
      claims: { channel_id: CHANNEL, pubsub_perms: ["broadcast"] },
      body: "not an object",
    });
    expect(array).toMatchObject({ status: 401, code: "pubsub_perms_not_object" });
    const nullPerms = judge({ claims: { channel_id: CHANNEL, pubsub_perms: null } });
    expect(nullPerms).toMatchObject({
      code: "pubsub_perms_not_object",
      diagnosis: expect.stringContaining("null"),
    });
  });

  it("accepts a global broadcast with channel_id all and no broadcaster_id", () => {
    const global = judge({
      claims: { channel_id: "all", pubsub_perms: { send: ["global"] } },
      body: { target: ["global"], is_global_broadcast: true, message: "news" },
    });
    expect(global).toEqual({
      ok: true,
      broadcasterId: undefined,
      targets: ["global"],
      message: "news",
      isGlobalBroadcast: true,
    });
  });

  it("refuses exactly one byte over 5 KB and accepts exactly 5 KB", () => {
    const body = (message: string) => ({ target: ["broadcast"], broadcaster_id: CHANNEL, message });
    expect(judge({ body: body("a".repeat(5120)) }).ok).toBe(true);
    expect(judge({ body: body(`${"a".repeat(5119)}é`) })).toMatchObject({ code: "pubsub_message_too_large" });
  });
});
