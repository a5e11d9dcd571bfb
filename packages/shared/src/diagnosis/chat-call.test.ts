import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretRing } from "../secrets/ring.ts";
import { classicChatMistakes, correctChatCall, type MistakeFixture } from "../testing/chat-mistakes.ts";
import type { ChannelExtensionState } from "./channel-state.ts";
import { diagnoseChatCall } from "./chat-call.ts";

const fixture: MistakeFixture = {
  clientId: "abcdefghij0123456789abcdefghij",
  ownerUserId: "100000001",
  secretBase64: randomBytes(32).toString("base64"),
  clientSecret: "qrstuvwxyz0123456789qrstuvwxyz",
  version: "0.0.1",
  broadcasterId: "200000001",
  clock: () => 1_800_000_000_000,
};
const extension = {
  clientId: fixture.clientId,
  ownerUserId: fixture.ownerUserId,
  secrets: createSecretRing(fixture.secretBase64),
  clientSecret: fixture.clientSecret,
  chatCapability: true,
};
const ready: ChannelExtensionState = {
  broadcasterId: fixture.broadcasterId,
  installedVersion: "0.0.1",
  activated: true,
  versionState: "released",
  chatGranted: true,
  requiredConfigurationMet: true,
};

function judge(
  call = correctChatCall(fixture),
  channel: Partial<ChannelExtensionState> = {},
  chatCapability = true,
) {
  return diagnoseChatCall({
    call,
    extension: { ...extension, chatCapability },
    channel: (id) => (id === fixture.broadcasterId ? { ...ready, ...channel } : undefined),
    clock: fixture.clock,
  });
}

describe("diagnoseChatCall", () => {
  it("accepts a correct call, broadcaster_id in the query", () => {
    expect(judge()).toEqual({
      ok: true,
      broadcasterId: fixture.broadcasterId,
      text: "Ana sent some hype!",
      broadcasterIdFrom: "query",
    });
  });

  it("accepts broadcaster_id as a string in the body, as working clients send it", () => {
    const good = correctChatCall(fixture);
    const call = {
      ...good,
      queryBroadcasterId: undefined,
      body: { ...(good.body as object), broadcaster_id: fixture.broadcasterId },
    };
    expect(judge(call)).toMatchObject({ ok: true, broadcasterIdFrom: "body" });
  });

  it.each(classicChatMistakes(fixture))("refuses $name: $status $code", ({ call, code, status }) => {
    const result = judge(call);
    expect(result).toMatchObject({ ok: false, code, status });
    if (!result.ok) expect(result.diagnosis).toMatch(/\w+.*[:.]/);
  });

  it.each([["unknown broadcaster", "broadcaster_unknown", 404]] as const)(
    "refuses an %s",
    (_name, code, status) => {
      const good = correctChatCall({ ...fixture, broadcasterId: "999" });
      expect(judge(good)).toMatchObject({ ok: false, code, status });
    },
  );

  it.each([
    ["extension not installed", { installedVersion: undefined }, "extension_not_installed", 404],
    ["installed but not activated", { activated: false }, "extension_not_activated", 404],
    ["version still in local test", { versionState: "testing" }, "version_in_test", 401],
    [
      "required configuration not met",
      { requiredConfigurationMet: false },
      "required_configuration_missing",
      401,
    ],
    ["chat not granted", { chatGranted: false }, "chat_not_granted", 401],
  ] as const)("refuses when %s", (_name, channel, code, status) => {
    expect(judge(undefined, channel as Partial<ChannelExtensionState>)).toMatchObject({
      ok: false,
      code,
      status,
    });
  });

  it("refuses when the chat capability is off", () => {
    expect(judge(undefined, {}, false)).toMatchObject({
      ok: false,
      code: "chat_capability_off",
      status: 401,
    });
  });

  it("names the owner in the diagnosis when the channel's id is used as user_id", () => {
    const mistake = classicChatMistakes(fixture).find((m) => m.code === "user_id_not_owner");
    const result = judge(mistake?.call);
    expect(!result.ok && result.diagnosis).toContain(fixture.ownerUserId);
  });
});
