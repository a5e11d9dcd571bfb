import { createHmac, randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { beforeEach, describe, expect, it } from "vitest";
import { createSecretRing, type SecretRing } from "../secrets/ring.ts";
import { forgeJwt } from "../testing/forge.ts";
import type { ViewerClaims } from "../twitch/claims.ts";
import { buildBroadcasterClaims, buildExternalChatClaims, buildViewerClaims } from "./payloads.ts";
import { signExtensionJwt } from "./sign.ts";
import { MAX_TOKEN_LENGTH, refuseRole, type VerifyResult, verifyViewerToken } from "./verify.ts";

const secret = randomBytes(32).toString("base64");
const clock = () => 1_800_000_000_000;
let ring: SecretRing;
let viewer: ViewerClaims;
// Built before each test, not at import: `pnpm mutation` then runs only the tests that reach a mutant.
beforeEach(() => {
  ring = createSecretRing(secret);
  viewer = buildViewerClaims({ channelId: "100", clock, viewer: { kind: "identified", userId: "200" } });
});

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
});

describe("refuseRole", () => {
  it("lets a listed role through and names the allowed ones otherwise", () => {
    const claims = { exp: 1, opaque_user_id: "U1", channel_id: "1", role: "viewer" as const };
    expect(refuseRole(claims, ["viewer", "broadcaster"])).toBeUndefined();
    expect(refuseRole(claims, ["broadcaster"])).toEqual({
      code: "role_not_allowed",
      message: 'The role "viewer" may not do this; allowed: broadcaster.',
    });
    expect(refuseRole(claims, ["moderator", "broadcaster"])?.message).toBe(
      'The role "viewer" may not do this; allowed: moderator, broadcaster.',
    );
  });
});

/** Signs any header and claims with the ring's decoded secret, byte for byte. */
function forge(claims: unknown, header: unknown = { alg: "HS256", typ: "JWT" }): string {
  return forgeJwt({ header, payloadText: JSON.stringify(claims), key: Buffer.from(secret, "base64") });
}

function refusal(result: VerifyResult) {
  return result.ok ? { code: "accepted", message: "" } : result.error;
}

describe("verifyViewerToken: how a token is written", () => {
  let token: string;
  beforeEach(() => {
    token = signExtensionJwt(viewer, ring, clock);
  });

  it("refuses a signature with padding, though it decodes to the right bytes", () => {
    expect(verifyViewerToken(`${token}=`, ring, { clock })).toEqual({
      ok: false,
      error: { code: "token_malformed", message: "The token is not a JWT: the signature is not base64url." },
    });
  });

  it("refuses a signature with junk appended that base64url decoding would drop", () => {
    for (const junk of ["!", "%20", "==", ".."]) {
      expect(refusal(verifyViewerToken(`${token}${junk}`, ring, { clock })).code).toBe("token_malformed");
    }
  });

  it("refuses a signature with more base64url characters than HS256 gives", () => {
    const [head, body, signature] = token.split(".");
    expect(refusal(verifyViewerToken(`${head}.${body}.${signature}AA`, ring, { clock })).code).toBe(
      "signature_invalid",
    );
  });

  it("refuses a header written with base64 padding even when the signature covers it", () => {
    const [head, body] = token.split(".");
    const paddedHead = `${head}=`;
    const sig = createHmac("sha256", Buffer.from(secret, "base64"))
      .update(`${paddedHead}.${body}`)
      .digest("base64url");
    expect(refusal(verifyViewerToken(`${paddedHead}.${body}.${sig}`, ring, { clock }))).toEqual({
      code: "token_malformed",
      message: "The token is not a JWT: the header is not base64url.",
    });
  });

  it("refuses a header of JSON null as malformed instead of throwing", () => {
    expect(refusal(verifyViewerToken(forge(viewer, null), ring, { clock }))).toEqual({
      code: "token_malformed",
      message: "The token is not a JWT: the header is not a JSON object.",
    });
  });

  it("refuses an empty token as missing, not malformed", () => {
    expect(refusal(verifyViewerToken("", ring, { clock }))).toEqual({
      code: "token_missing",
      message: "No token was sent: send the latest onAuthorized auth.token as a Bearer token.",
    });
  });

  it("reads a token of exactly the maximum length and refuses one character more unread", () => {
    const longest = `${token}${"A".repeat(MAX_TOKEN_LENGTH - token.length)}`;
    expect(refusal(verifyViewerToken(longest, ring, { clock })).code).toBe("signature_invalid");
    expect(refusal(verifyViewerToken(`${longest}A`, ring, { clock }))).toEqual({
      code: "token_too_large",
      message: `The token is ${MAX_TOKEN_LENGTH + 1} characters long; Twitch's are far below ${MAX_TOKEN_LENGTH}.`,
    });
  });

  it("names the algorithm it refuses, and says null when there is none", () => {
    expect(refusal(verifyViewerToken(forge(viewer, { alg: "none" }), ring, { clock }))).toEqual({
      code: "algorithm_not_allowed",
      message: `The token's algorithm is "none"; Twitch's extension tokens are HS256 only.`,
    });
    expect(refusal(verifyViewerToken(forge(viewer, { typ: "JWT" }), ring, { clock })).message).toBe(
      "The token's algorithm is null; Twitch's extension tokens are HS256 only.",
    );
  });
});

describe("verifyViewerToken: which secret signed it", () => {
  it("recognises a token signed with the raw text of any secret of a rotating ring", () => {
    const rotating = createSecretRing([randomBytes(32).toString("base64"), secret]);
    const token = forgeJwt({ header: { alg: "HS256" }, payloadText: JSON.stringify(viewer), key: secret });
    expect(refusal(verifyViewerToken(token, rotating, { clock }))).toEqual({
      code: "signed_with_raw_secret",
      message:
        "The token was signed with the extension secret's base64 text; Twitch signs with the base64-decoded bytes.",
    });
  });

  it("says a token signed with an unknown secret matches none of the active ones", () => {
    const token = forgeJwt({ header: { alg: "HS256" }, payloadText: JSON.stringify(viewer), key: "other" });
    expect(refusal(verifyViewerToken(token, ring, { clock })).message).toMatch(
      /^The signature does not match any active extension secret/,
    );
  });
});

describe("verifyViewerToken: the claims", () => {
  it("says claims encoded twice were JSON-encoded before signing", () => {
    const token = forgeJwt({
      header: { alg: "HS256" },
      payloadText: JSON.stringify(JSON.stringify(viewer)),
      key: Buffer.from(secret, "base64"),
    });
    expect(refusal(verifyViewerToken(token, ring, { clock }))).toEqual({
      code: "claims_not_object",
      message:
        "The claims are a JSON string, not an object: they were JSON-encoded before signing (pass the object itself).",
    });
  });

  it("refuses claims that are a number, null or an array as not an object", () => {
    for (const claims of [42, null, [viewer], true]) {
      expect(refusal(verifyViewerToken(forge(claims), ring, { clock }))).toEqual({
        code: "claims_not_object",
        message: "The claims are not a JSON object.",
      });
    }
  });

  it("names the claim that is missing, of the wrong type or has a value Twitch never issues", () => {
    const { channel_id: _, ...noChannel } = viewer;
    const cases: [unknown, string][] = [
      [noChannel, 'the "channel_id" claim is missing'],
      [{ ...viewer, user_id: 200 }, 'the "user_id" claim must be a string, got 200'],
      [{ ...viewer, exp: 1_800_000_000.5 }, 'the "exp" claim must be a whole number, got 1800000000.5'],
      [
        { ...viewer, pubsub_perms: { listen: "broadcast" } },
        'the "pubsub_perms.listen" claim must be an array, got "broadcast"',
      ],
      [{ ...viewer, pubsub_perms: "all" }, 'the "pubsub_perms" claim must be an object, got "all"'],
      [{ ...viewer, is_unlinked: "no" }, 'the "is_unlinked" claim must be a boolean, got "no"'],
      [{ ...viewer, role: "admin" }, 'the "role" claim has a value Twitch never issues'],
      [
        { ...viewer, opaque_user_id: "X1" },
        'the "opaque_user_id" claim is invalid (starts with "U" (logged in) or "A" (anonymous))',
      ],
    ];
    for (const [claims, words] of cases) {
      expect(refusal(verifyViewerToken(forge(claims), ring, { clock }))).toEqual({
        code: "claims_invalid",
        message: `The token's claims are wrong: ${words}.`,
      });
    }
  });

  it("quotes at most 40 characters of a claim of the wrong type", () => {
    const result = verifyViewerToken(forge({ ...viewer, user_id: ["1".repeat(100)] }), ring, { clock });
    expect(refusal(result).message).toBe(
      `The token's claims are wrong: the "user_id" claim must be a string, got ["${"1".repeat(38)}.`,
    );
  });

  it("takes an exp of 100,000,000,000 as seconds and anything above as milliseconds", () => {
    expect(verifyViewerToken(forge({ ...viewer, exp: 100_000_000_000 }), ring, { clock }).ok).toBe(true);
    expect(refusal(verifyViewerToken(forge({ ...viewer, exp: 100_000_000_001 }), ring, { clock }))).toEqual({
      code: "exp_in_milliseconds",
      message: "The exp claim is in milliseconds; JWT exp is in seconds since the epoch.",
    });
  });

  it("refuses an exp written as a string of digits as invalid, not as milliseconds", () => {
    const result = verifyViewerToken(forge({ ...viewer, exp: "200000000000" }), ring, { clock });
    expect(refusal(result)).toEqual({
      code: "claims_invalid",
      message: `The token's claims are wrong: the "exp" claim must be a number, got "200000000000".`,
    });
  });
});

describe("verifyViewerToken: time", () => {
  const at = (seconds: number) => () => seconds * 1000;

  it("accepts a token until exp plus the leeway and refuses it from that instant", () => {
    const exp = viewer.exp;
    const token = signExtensionJwt(viewer, ring, clock);
    expect(verifyViewerToken(token, ring, { clock: () => (exp + 10) * 1000 - 1 }).ok).toBe(true);
    expect(refusal(verifyViewerToken(token, ring, { clock: at(exp + 10) }))).toEqual({
      code: "token_expired",
      message: "The token expired 10 s ago: use the latest token from onAuthorized.",
    });
    expect(refusal(verifyViewerToken(token, ring, { clock: at(exp + 3600) })).message).toBe(
      "The token expired 3600 s ago: use the latest token from onAuthorized.",
    );
  });

  it("accepts a token whose nbf is in the past", () => {
    const now = 1_800_000_000;
    expect(verifyViewerToken(forge({ ...viewer, nbf: now - 3600 }), ring, { clock }).ok).toBe(true);
  });

  it("accepts an nbf up to the leeway ahead of the clock and refuses one further", () => {
    const now = 1_800_000_000;
    expect(verifyViewerToken(forge({ ...viewer, nbf: now + 5 }), ring, { clock }).ok).toBe(true);
    expect(verifyViewerToken(forge({ ...viewer, nbf: now + 10 }), ring, { clock }).ok).toBe(true);
    expect(refusal(verifyViewerToken(forge({ ...viewer, nbf: now + 11 }), ring, { clock }))).toEqual({
      code: "token_not_yet_valid",
      message: "The token's nbf is in the future: check the clock of the machine that signed it.",
    });
    expect(
      refusal(verifyViewerToken(forge({ ...viewer, nbf: now + 5 }), ring, { clock, leewaySeconds: 0 })).code,
    ).toBe("token_not_yet_valid");
  });

  it("ignores an nbf that is not a number, even a string of digits, as Twitch's tokens carry none", () => {
    const later = String(1_800_000_000 + 3600);
    expect(verifyViewerToken(forge({ ...viewer, nbf: later }), ring, { clock }).ok).toBe(true);
  });
});

describe("verifyViewerToken: roles", () => {
  it("lets viewers, moderators and broadcasters in by default", () => {
    const moderator = buildViewerClaims({
      channelId: "100",
      clock,
      role: "moderator",
      viewer: { kind: "identified", userId: "300" },
    });
    const broadcaster = buildBroadcasterClaims({ channelId: "100", clock });
    for (const claims of [viewer, moderator, broadcaster]) {
      const result = verifyViewerToken(signExtensionJwt(claims, ring, clock), ring, { clock });
      expect(result.ok && result.claims.role).toBe(claims.role);
    }
  });

  it("refuses a well-formed token with role external by default", () => {
    expect(refusal(verifyViewerToken(forge({ ...viewer, role: "external" }), ring, { clock }))).toEqual({
      code: "role_not_allowed",
      message: 'The role "external" may not do this; allowed: viewer, moderator, broadcaster.',
    });
  });
});
