import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildViewerClaims } from "../jwt/payloads.ts";
import { signExtensionJwt } from "../jwt/sign.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { forgeJwt } from "../testing/forge.ts";
import { diagnoseExternalJwt, type ExtensionIdentity } from "./external-jwt.ts";

const NOW = 1_800_000_000;
const clock = () => NOW * 1000;
const secret = randomBytes(32).toString("base64");
const claims = { exp: NOW + 60, user_id: "100000001", role: "external", channel_id: "200000001" };
let extension: ExtensionIdentity;
// Built before each test, not at import: `pnpm mutation` then runs only the tests that reach a mutant.
beforeEach(() => {
  extension = {
    clientId: "abcdefghij0123456789abcdefghij",
    ownerUserId: "100000001",
    secrets: createSecretRing(secret),
    clientSecret: "qrstuvwxyz0123456789qrstuvwxyz",
  };
});

/** Signs any claims (or any JSON text) with the extension's decoded secret, byte for byte. */
function forge(value: unknown, header: unknown = { alg: "HS256", typ: "JWT" }): string {
  return forgeJwt({ header, payloadText: JSON.stringify(value), key: Buffer.from(secret, "base64") });
}

function judge(token: string, more: Partial<Parameters<typeof diagnoseExternalJwt>[0]> = {}) {
  return diagnoseExternalJwt({
    authorization: `Bearer ${token}`,
    clientIdHeader: extension.clientId,
    extension,
    clock,
    ...more,
  });
}

function refusal(code: string, diagnosis: string, twitchMessage = "authentication failed", status = 401) {
  return { ok: false, status, code, twitchMessage, diagnosis };
}

describe("diagnoseExternalJwt: the headers", () => {
  it("accepts a JWT the EBS signed and returns its claims", () => {
    expect(judge(signExtensionJwt({ ...claims, role: "external" }, extension.secrets, clock))).toEqual({
      ok: true,
      jwt: { claims, userId: "100000001", channelId: "200000001", role: "external" },
    });
  });

  it("answers Twitch's words for a missing or malformed Authorization header and a missing Client-Id", () => {
    const token = forge(claims);
    expect(judge(token, { authorization: undefined })).toEqual(
      refusal(
        "auth_header_missing",
        "No Authorization header: send `Authorization: Bearer <JWT your EBS signs>`.",
        "OAuth token is missing",
      ),
    );
    expect(judge(token, { authorization: `Bearer Bearer ${token}` })).toEqual(
      refusal(
        "auth_header_malformed",
        'The Authorization header must be exactly "Bearer <token>" (one space, no quotes, no second "Bearer").',
        "Invalid OAuth token",
      ),
    );
    expect(judge(token, { clientIdHeader: undefined })).toEqual(
      refusal(
        "client_id_missing",
        "No Client-Id header: send `Client-Id: <your extension's client id>` with every Helix call.",
        "Client-Id header required",
      ),
    );
    expect(judge(token, { clientIdHeader: "other" })).toEqual(
      refusal(
        "client_id_mismatch",
        `Client-Id "other" is not this extension's client id "${extension.clientId}" (Twitch has answered this with 500): send the extension's own client id.`,
        "Internal Server Error",
        500,
      ),
    );
  });

  it("takes an Authorization header with spaces around it", () => {
    expect(judge("", { authorization: ` Bearer ${forge(claims)}\n` }).ok).toBe(true);
  });
});

describe("diagnoseExternalJwt: the signature", () => {
  it("accepts a JWT signed with any active secret while secrets rotate", () => {
    const rotating = {
      ...extension,
      secrets: createSecretRing([randomBytes(32).toString("base64"), secret]),
    };
    expect(judge(forge(claims), { extension: rotating }).ok).toBe(true);
  });

  it("names the algorithm it refuses, quoting a string and typing anything else", () => {
    expect(judge(forge(claims, { alg: "none" }))).toEqual(
      refusal("token_algorithm", 'The JWT is signed with "none"; Twitch accepts HS256 only.'),
    );
    expect(judge(forge(claims, { alg: 256 }))).toEqual(
      refusal("token_algorithm", "The JWT is signed with number 256; Twitch accepts HS256 only."),
    );
  });

  it("refuses a signature with padding appended", () => {
    expect(judge(`${forge(claims)}=`)).toMatchObject({ code: "token_not_jwt" });
  });

  it("says a token that is not a JWT is not one, and why", () => {
    expect(judge("an-oauth-access-token")).toEqual(
      refusal(
        "token_not_jwt",
        'The Bearer token is not a JWT (a JWT has 3 parts separated by dots, this has 1): extension endpoints take a JWT your EBS signs with role "external", not an OAuth access token.',
      ),
    );
  });

  it("recognises the raw text of any secret of a rotating ring used as the key", () => {
    const rotating = {
      ...extension,
      secrets: createSecretRing([randomBytes(32).toString("base64"), secret]),
    };
    const token = forgeJwt({ header: { alg: "HS256" }, payloadText: JSON.stringify(claims), key: secret });
    expect(judge(token, { extension: rotating })).toEqual(
      refusal(
        "signed_with_raw_secret",
        "The JWT was signed with the extension secret's base64 text: base64-decode the secret and sign with the resulting bytes.",
      ),
    );
  });

  it("recognises the OAuth client secret used as the key", () => {
    const token = forgeJwt({
      header: { alg: "HS256" },
      payloadText: JSON.stringify(claims),
      key: extension.clientSecret ?? "",
    });
    expect(judge(token)).toEqual(
      refusal(
        "signed_with_client_secret",
        "The JWT was signed with the OAuth Client Secret: sign with the Extension Secret (Extension console → Settings → Secret Keys), base64-decoded.",
      ),
    );
  });

  it("says the signature matches no secret when the key is unknown, or no client secret is known", () => {
    const unknown = forgeJwt({ header: { alg: "HS256" }, payloadText: JSON.stringify(claims), key: "other" });
    const matchesNone = refusal(
      "signature_invalid",
      "The JWT's signature matches no current secret of this extension: sign with this extension's secret (Settings → Secret Keys), base64-decoded, and check it was not rotated.",
    );
    expect(judge(unknown)).toEqual(matchesNone);
    const { clientSecret: _, ...withoutClientSecret } = extension;
    expect(judge(unknown, { extension: withoutClientSecret })).toEqual(matchesNone);
  });
});

describe("diagnoseExternalJwt: the claims", () => {
  it("says claims encoded twice were JSON-encoded before signing", () => {
    expect(judge(forge(JSON.stringify(claims)))).toEqual(
      refusal(
        "claims_encoded_twice",
        "The JWT's claims are a JSON string, not an object: they were JSON-encoded before signing; pass the claims object to the signer.",
      ),
    );
  });

  it("refuses signed claims of null, a number or an array without throwing", () => {
    for (const value of [null, 42, [claims], false]) {
      expect(judge(forge(value))).toEqual(
        refusal("claims_encoded_twice", "The JWT's claims are not a JSON object: sign an object of claims."),
      );
    }
  });

  it("says what it got when exp is not a number", () => {
    expect(judge(forge({ ...claims, exp: "soon" }))).toEqual(
      refusal(
        "exp_missing",
        'The JWT has no numeric exp claim (got "soon"): set exp to now + 60, in seconds.',
      ),
    );
    expect(judge(forge({ ...claims, exp: null }))).toMatchObject({
      diagnosis: "The JWT has no numeric exp claim (got object null): set exp to now + 60, in seconds.",
    });
  });

  it("takes an exp of 100,000,000,000 as seconds and anything above as milliseconds", () => {
    expect(judge(forge({ ...claims, exp: 100_000_000_000 })).ok).toBe(true);
    expect(judge(forge({ ...claims, exp: 100_000_000_001 }))).toEqual(
      refusal(
        "exp_in_milliseconds",
        "The exp claim is in milliseconds: JWT exp is in seconds (Math.floor(Date.now() / 1000) + 60).",
      ),
    );
  });

  it("refuses a JWT from the second of its exp, saying how long ago it expired", () => {
    expect(judge(forge({ ...claims, exp: NOW + 1 })).ok).toBe(true);
    expect(judge(forge({ ...claims, exp: NOW }))).toEqual(
      refusal(
        "token_expired",
        "The JWT expired 0 s ago: sign a fresh one for every call (and check the server's clock).",
      ),
    );
    expect(judge(forge({ ...claims, exp: NOW - 30 }))).toMatchObject({
      diagnosis: "The JWT expired 30 s ago: sign a fresh one for every call (and check the server's clock).",
    });
  });

  it("recognises a viewer's, a moderator's and a broadcaster's token from onAuthorized", () => {
    const viewer = buildViewerClaims({
      channelId: "200000001",
      clock,
      viewer: { kind: "anonymous", userId: "7" },
    });
    for (const role of ["viewer", "moderator", "broadcaster"]) {
      expect(judge(forge({ ...viewer, role }))).toEqual(
        refusal(
          "viewer_token_used",
          `This is a frontend token (role "${role}") from onAuthorized: the EBS must sign its own JWT with role "external" and the owner's user_id.`,
        ),
      );
    }
  });

  it("names a role that is neither a frontend's nor external", () => {
    expect(judge(forge({ ...claims, role: "admin" }))).toMatchObject({
      code: "role_not_external",
      diagnosis: 'The role claim is "admin": it must be the string "external".',
    });
    expect(judge(forge({ ...claims, role: ["external"] }))).toMatchObject({
      diagnosis: 'The role claim is object ["external"]: it must be the string "external".',
    });
  });

  it("wants user_id to be the owner's id, as a string", () => {
    const { user_id: _, ...noUser } = claims;
    expect(judge(forge(noUser))).toEqual(
      refusal(
        "user_id_missing",
        'The JWT has no user_id claim: set it to the extension owner\'s id "100000001".',
      ),
    );
    expect(judge(forge({ ...claims, user_id: 100000001 }))).toEqual(
      refusal("user_id_not_string", 'The user_id claim is a number: send it as a string ("100000001").'),
    );
    expect(judge(forge({ ...claims, user_id: "200000001" }))).toEqual(
      refusal(
        "user_id_not_owner",
        "The user_id claim is \"200000001\" but the extension's owner is \"100000001\": with role external, user_id is the owner's id, not the channel's or the viewer's.",
      ),
    );
  });

  it("wants channel_id as a string when there is one, and accepts none", () => {
    expect(judge(forge({ ...claims, channel_id: 200000001 }))).toEqual(
      refusal(
        "channel_id_not_string",
        'The channel_id claim is a number: send it as a string ("200000001").',
      ),
    );
    const { channel_id: _, ...noChannel } = claims;
    expect(judge(forge(noChannel))).toEqual({
      ok: true,
      jwt: { claims: noChannel, userId: "100000001", channelId: undefined, role: "external" },
    });
  });
});
