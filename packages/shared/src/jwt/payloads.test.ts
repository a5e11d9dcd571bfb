import { describe, expect, it } from "vitest";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import {
  buildBroadcasterClaims,
  buildExternalChatClaims,
  buildExternalPubSubClaims,
  buildExternalServiceClaims,
  buildViewerClaims,
  opaqueIdFor,
} from "./payloads.ts";

const clock = () => 1_700_000_000_500;

function ruleCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof TwitchRuleError) return error.code;
    throw error;
  }
  return undefined;
}

describe("buildExternalChatClaims", () => {
  it("builds the claims Twitch wants: owner user_id, role external, channel_id, exp a minute ahead in seconds", () => {
    expect(buildExternalChatClaims({ ownerUserId: "111", channelId: "222", clock })).toEqual({
      exp: 1_700_000_060,
      user_id: "111",
      role: "external",
      channel_id: "222",
    });
  });

  it("honours a custom lifetime", () => {
    expect(buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock, ttlSeconds: 5 }).exp).toBe(
      1_700_000_005,
    );
  });

  it("refuses a number where Twitch wants a string, saying which string to send", () => {
    const call = () =>
      buildExternalChatClaims({ ownerUserId: 111 as unknown as string, channelId: "2", clock });
    expect(ruleCode(call)).toBe("id_not_string");
    expect(call).toThrow(/send "111" instead/);
  });

  it("names the id it refuses", () => {
    expect(() => buildExternalChatClaims({ ownerUserId: "owner", channelId: "2", clock })).toThrow(
      /^ownerUserId \(the extension owner's Twitch user id\) must be a Twitch id/,
    );
    expect(() => buildExternalChatClaims({ ownerUserId: "1", channelId: "", clock })).toThrow(
      /^channelId \(the broadcaster id\) is missing/,
    );
  });

  it("refuses an empty or non-numeric id", () => {
    expect(ruleCode(() => buildExternalChatClaims({ ownerUserId: "1", channelId: "", clock }))).toBe(
      "id_missing",
    );
    expect(ruleCode(() => buildExternalChatClaims({ ownerUserId: "U12", channelId: "2", clock }))).toBe(
      "id_invalid",
    );
  });

  it("refuses a lifetime given in milliseconds", () => {
    expect(
      ruleCode(() =>
        buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock, ttlSeconds: 60_000_000 }),
      ),
    ).toBe("ttl_invalid");
  });

  it("refuses a lifetime of zero, negative or fractional seconds, saying what it wants", () => {
    for (const ttlSeconds of [0, -60, 0.5, 59.9, Number.NaN]) {
      const call = () => buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock, ttlSeconds });
      expect(ruleCode(call)).toBe("ttl_invalid");
      expect(call).toThrow(
        `ttlSeconds must be a whole number of seconds between 1 and 86400, got ${ttlSeconds} (milliseconds by mistake?).`,
      );
    }
  });

  it("accepts a lifetime from one second to one day and nothing longer", () => {
    const exp = (ttlSeconds: number) =>
      buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock, ttlSeconds }).exp;
    expect(exp(1)).toBe(1_700_000_001);
    expect(exp(86_400)).toBe(1_700_086_400);
    expect(ruleCode(() => exp(86_401))).toBe("ttl_invalid");
  });
});

describe("buildExternalPubSubClaims", () => {
  it("adds send permission for broadcast by default", () => {
    const claims = buildExternalPubSubClaims({ ownerUserId: "1", channelId: "2", clock });
    expect(claims.pubsub_perms).toEqual({ send: ["broadcast"] });
    expect(claims.role).toBe("external");
  });

  it("refuses empty targets", () => {
    expect(
      ruleCode(() => buildExternalPubSubClaims({ ownerUserId: "1", channelId: "2", clock, targets: [] })),
    ).toBe("pubsub_targets_invalid");
  });

  it("refuses a list with one empty or non-string target among good ones, saying what targets look like", () => {
    for (const targets of [["broadcast", ""], ["broadcast", 5 as unknown as string], [""]]) {
      const call = () => buildExternalPubSubClaims({ ownerUserId: "1", channelId: "2", clock, targets });
      expect(ruleCode(call)).toBe("pubsub_targets_invalid");
      expect(call).toThrow(
        'targets must be non-empty strings such as "broadcast", "global" or "whisper-<opaque id>".',
      );
    }
  });

  it("sends to the targets it is given", () => {
    const claims = buildExternalPubSubClaims({
      ownerUserId: "1",
      channelId: "2",
      clock,
      targets: ["global", "whisper-U1"],
    });
    expect(claims).toEqual({
      exp: 1_700_000_060,
      user_id: "1",
      role: "external",
      channel_id: "2",
      pubsub_perms: { send: ["global", "whisper-U1"] },
    });
  });
});

describe("buildExternalServiceClaims", () => {
  it("leaves channel_id out when no channel is concerned", () => {
    expect(buildExternalServiceClaims({ ownerUserId: "1", clock })).toEqual({
      exp: 1_700_000_060,
      user_id: "1",
      role: "external",
    });
  });

  it("adds channel_id when a channel is concerned", () => {
    expect(buildExternalServiceClaims({ ownerUserId: "1", channelId: "2", clock, ttlSeconds: 30 })).toEqual({
      exp: 1_700_000_030,
      user_id: "1",
      role: "external",
      channel_id: "2",
    });
  });

  it("names the id it refuses", () => {
    expect(() => buildExternalServiceClaims({ ownerUserId: "owner", clock })).toThrow(
      /^ownerUserId \(the extension owner's Twitch user id\) must be a Twitch id/,
    );
    expect(() => buildExternalServiceClaims({ ownerUserId: "1", channelId: "c", clock })).toThrow(
      /^channelId must be a Twitch id/,
    );
  });
});

describe("frontend token claims", () => {
  it("gives the broadcaster their own channel as user_id with broadcast send permission", () => {
    expect(buildBroadcasterClaims({ channelId: "555", clock })).toEqual({
      exp: 1_700_003_600,
      opaque_user_id: opaqueIdFor("555"),
      user_id: "555",
      channel_id: "555",
      role: "broadcaster",
      is_unlinked: false,
      pubsub_perms: { listen: ["broadcast", "global"], send: ["broadcast"] },
    });
  });

  it("gives a viewer PubSub rights to hear the channel, global messages and their own whispers, and to send nothing", () => {
    const identified = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "identified", userId: "777" },
    });
    const opaque = opaqueIdFor("777");
    expect(identified.pubsub_perms).toEqual({
      listen: ["broadcast", "global", `whisper-${opaque}`],
      send: [],
    });
    const anonymous = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "anonymous", userId: "777" },
    });
    expect(anonymous.pubsub_perms).toEqual(identified.pubsub_perms);
    const loggedOut = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "logged-out", sessionId: "s1" },
    });
    expect(loggedOut.pubsub_perms).toEqual({ listen: ["broadcast", "global", "whisper-As1"], send: [] });
  });

  it("gives every viewer an opaque id of their own", () => {
    const ids = ["1", "2", "777", "778", "123456789"].map(opaqueIdFor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(opaqueIdFor("777")).toBe(opaqueIdFor("777"));
  });

  it("names the id it refuses in frontend claims", () => {
    expect(() => buildBroadcasterClaims({ channelId: "me", clock })).toThrow(
      /^channelId must be a Twitch id/,
    );
    expect(() =>
      buildViewerClaims({ channelId: "x", clock, viewer: { kind: "identified", userId: "7" } }),
    ).toThrow(/^channelId must be a Twitch id/);
    expect(() =>
      buildViewerClaims({ channelId: "5", clock, viewer: { kind: "anonymous", userId: "U7" } }),
    ).toThrow(/^viewer\.userId must be a Twitch id/);
  });

  it("refuses a logged-out session id that is empty, too long or has other characters", () => {
    for (const sessionId of ["", "a b", "a.b", "é", "x".repeat(65), "ok\n"]) {
      const call = () =>
        buildViewerClaims({ channelId: "5", clock, viewer: { kind: "logged-out", sessionId } });
      expect(ruleCode(call)).toBe("session_id_invalid");
      expect(call).toThrow("sessionId must be 1-64 letters, digits, _ or -.");
    }
    const longest = "x".repeat(64);
    expect(
      buildViewerClaims({ channelId: "5", clock, viewer: { kind: "logged-out", sessionId: longest } })
        .opaque_user_id,
    ).toBe(`A${longest}`);
  });

  it("gives an identity-shared viewer a user_id and a stable opaque id that does not reveal it", () => {
    const claims = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "identified", userId: "777" },
    });
    expect(claims.user_id).toBe("777");
    expect(claims.opaque_user_id).toBe(opaqueIdFor("777"));
    expect(claims.opaque_user_id).toMatch(/^U/);
    expect(claims.opaque_user_id).not.toContain("777");
    expect(claims.is_unlinked).toBe(false);
  });

  it("gives a viewer who did not share identity no user_id", () => {
    const claims = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "anonymous", userId: "777" },
    });
    expect(claims.user_id).toBeUndefined();
    expect(claims.is_unlinked).toBe(true);
    expect(claims.opaque_user_id).toBe(opaqueIdFor("777"));
  });

  it("gives a logged-out viewer an A-prefixed opaque id", () => {
    const claims = buildViewerClaims({
      channelId: "555",
      clock,
      viewer: { kind: "logged-out", sessionId: "s1" },
    });
    expect(claims.opaque_user_id).toBe("As1");
    expect(claims.user_id).toBeUndefined();
    expect(claims.is_unlinked).toBe(true);
  });

  it("can make a moderator", () => {
    expect(
      buildViewerClaims({
        channelId: "5",
        clock,
        role: "moderator",
        viewer: { kind: "identified", userId: "6" },
      }).role,
    ).toBe("moderator");
  });
});
