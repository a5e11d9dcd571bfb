import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { createSecretRing } from "../secrets/ring.ts";
import { badViewerTokens } from "../testing/bad-tokens.ts";
import { buildBroadcasterClaims, buildExternalChatClaims, buildViewerClaims } from "./payloads.ts";
import { signExtensionJwt } from "./sign.ts";
import { refuseRole, verifyViewerToken } from "./verify.ts";

const secret = randomBytes(32).toString("base64");
const ring = createSecretRing(secret);
const clock = () => 1_800_000_000_000;
const viewer = buildViewerClaims({ channelId: "100", clock, viewer: { kind: "identified", userId: "200" } });

describe("verifyViewerToken", () => {
  it("accepts a token signed with the decoded secret and returns its claims", () => {
    const result = verifyViewerToken(signExtensionJwt(viewer, ring, clock), ring, { clock });
    expect(result).toEqual({ ok: true, claims: viewer, secretIndex: 0 });
  });

  it("accepts a token jsonwebtoken signed with the decoded Buffer, as other EBS code would", () => {
    const token = jwt.sign(viewer, Buffer.from(secret, "base64"), { algorithm: "HS256", noTimestamp: true });
    expect(verifyViewerToken(token, ring, { clock }).ok).toBe(true);
  });

  it("verifies with every secret during rotation and tells which one matched", () => {
    const fresh = randomBytes(32).toString("base64");
    const rotating = createSecretRing([fresh, secret]);
    const result = verifyViewerToken(signExtensionJwt(viewer, ring, clock), rotating, { clock });
    expect(result.ok && result.secretIndex).toBe(1);
  });

  it("accepts a token that expired within the clock-drift leeway and refuses one past it", () => {
    const justExpired = signExtensionJwt({ ...viewer, exp: 1_800_000_000 - 5 }, ring, clock);
    expect(verifyViewerToken(justExpired, ring, { clock }).ok).toBe(true);
    expect(verifyViewerToken(justExpired, ring, { clock, leewaySeconds: 0 })).toMatchObject({
      ok: false,
      error: { code: "token_expired" },
    });
  });

  it("limits the roles to those the action allows", () => {
    const token = signExtensionJwt(buildBroadcasterClaims({ channelId: "100", clock }), ring, clock);
    expect(verifyViewerToken(token, ring, { clock, roles: ["viewer"] })).toMatchObject({
      ok: false,
      error: { code: "role_not_allowed" },
    });
    expect(verifyViewerToken(token, ring, { clock }).ok).toBe(true);
  });

  it("refuses an external token where a viewer token is expected", () => {
    const external = signExtensionJwt(
      buildExternalChatClaims({ ownerUserId: "1", channelId: "100", clock }),
      ring,
      clock,
    );
    const result = verifyViewerToken(external, ring, { clock });
    expect(result.ok).toBe(false);
  });

  it("refuses a missing token", () => {
    expect(verifyViewerToken(undefined, ring, { clock })).toMatchObject({
      ok: false,
      error: { code: "token_missing" },
    });
  });

  const cases = badViewerTokens({ secretBase64: secret, channelId: "100", clock });

  it("has a catalogue of more than 25 classic mistakes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)("refuses $name with $code", ({ token, code }) => {
    const result = verifyViewerToken(token, ring, { clock });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});

describe("refuseRole", () => {
  it("lets a listed role through and names the allowed ones otherwise", () => {
    const claims = { exp: 1, opaque_user_id: "U1", channel_id: "1", role: "viewer" as const };
    expect(refuseRole(claims, ["viewer", "broadcaster"])).toBeUndefined();
    expect(refuseRole(claims, ["broadcaster"])).toEqual({
      code: "role_not_allowed",
      message: 'The role "viewer" may not do this; allowed: broadcaster.',
    });
  });
});
