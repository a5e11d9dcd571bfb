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
});

describe("buildExternalServiceClaims", () => {
  it("leaves channel_id out when no channel is concerned", () => {
    expect(buildExternalServiceClaims({ ownerUserId: "1", clock })).toEqual({
      exp: 1_700_000_060,
      user_id: "1",
      role: "external",
    });
  });
});

describe("frontend token claims", () => {
  it("gives the broadcaster their own channel as user_id with broadcast send permission", () => {
    const claims = buildBroadcasterClaims({ channelId: "555", clock });
    expect(claims).toMatchObject({
      role: "broadcaster",
      user_id: "555",
      channel_id: "555",
      exp: 1_700_003_600,
    });
    expect(claims.pubsub_perms?.send).toEqual(["broadcast"]);
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
