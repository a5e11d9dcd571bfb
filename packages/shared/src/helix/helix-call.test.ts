import { describe, expect, it } from "vitest";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { sendExtensionChatMessage } from "./chat-message.ts";
import { getUsers, requestAppAccessToken, setRequiredConfiguration } from "./extension-calls.ts";
import { externalClaimsFor, helixCallUrl } from "./helix-call.ts";

const bases = { api: "http://127.0.0.1:8090", auth: "http://127.0.0.1:8091" };
const clock = () => Date.parse("2026-03-01T12:00:00Z");

describe("Helix calls", () => {
  it("puts broadcaster_id in chat's query and every body field as a string", () => {
    const call = sendExtensionChatMessage({
      clientId: "cid",
      version: "0.0.1",
      broadcasterId: "41",
      text: "hi",
    });
    expect(helixCallUrl(call, bases)).toBe("http://127.0.0.1:8090/helix/extensions/chat?broadcaster_id=41");
    expect(call.body).toEqual({ json: { text: "hi", extension_id: "cid", extension_version: "0.0.1" } });
    expect(call.auth).toEqual({ kind: "external", channelId: "41" });
  });

  it("refuses a numeric broadcaster id and a version Twitch would not know before anything is sent", () => {
    const numeric = 41 as unknown as string;
    expect(() =>
      sendExtensionChatMessage({ clientId: "c", version: "0.0.1", broadcasterId: numeric, text: "" }),
    ).toThrow(TwitchRuleError);
    expect(() =>
      setRequiredConfiguration({ clientId: "c", version: "v1.0", broadcasterId: "41", value: "x" }),
    ).toThrow(/like "0.0.1"/);
  });

  it("repeats id for Get Users and sends OAuth's form to the auth base", () => {
    expect(helixCallUrl(getUsers({ ids: ["1", "2"] }), bases)).toBe(
      "http://127.0.0.1:8090/helix/users?id=1&id=2",
    );
    expect(() => getUsers({ ids: [] })).toThrow(RangeError);
    const token = requestAppAccessToken({ clientId: "cid", clientSecret: "s" });
    expect(helixCallUrl(token, bases)).toBe("http://127.0.0.1:8091/oauth2/token");
    expect(token.auth).toEqual({ kind: "none" });
  });

  it("signs external calls with string ids, the channel when there is one and PubSub's send permission as an object", () => {
    const exp = clock() / 1000 + 60;
    expect(externalClaimsFor({ kind: "external", channelId: "41" }, { ownerUserId: "9", clock })).toEqual({
      exp,
      user_id: "9",
      role: "external",
      channel_id: "41",
    });
    expect(externalClaimsFor({ kind: "external" }, { ownerUserId: "9", clock })).toEqual({
      exp,
      user_id: "9",
      role: "external",
    });
    expect(
      externalClaimsFor(
        { kind: "external", channelId: "41", pubsubSend: ["broadcast"] },
        { ownerUserId: "9", clock },
      ),
    ).toMatchObject({ channel_id: "41", pubsub_perms: { send: ["broadcast"] } });
  });
});
