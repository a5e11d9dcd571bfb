import { randomBytes } from "node:crypto";
import type { TokenErrorCode } from "../api/error-codes.ts";
import { type Clock, epochSeconds } from "../clock.ts";
import { buildViewerClaims } from "../jwt/payloads.ts";
import { forgeJwt } from "./forge.ts";

export interface BadTokenCase {
  name: string;
  token: string;
  code: TokenErrorCode;
}

/**
 * The catalogue of viewer tokens Twitch would refuse, each with the code that names its cause. Used by the
 * shared package, the EBS and the rig, so every part recognises the same mistakes.
 */
export function badViewerTokens(input: {
  secretBase64: string;
  channelId: string;
  clock: Clock;
}): BadTokenCase[] {
  const key = Buffer.from(input.secretBase64, "base64");
  const now = epochSeconds(input.clock);
  const good = buildViewerClaims({
    channelId: input.channelId,
    clock: input.clock,
    viewer: { kind: "identified", userId: "424242" },
  });
  const hs256 = { alg: "HS256", typ: "JWT" };
  const sign = (claims: unknown, header: unknown = hs256) =>
    forgeJwt({ header, payloadText: JSON.stringify(claims), key });
  const withClaims = (patch: Record<string, unknown>) => sign({ ...good, ...patch });
  const without = (field: string) => {
    const copy: Record<string, unknown> = { ...good };
    delete copy[field];
    return sign(copy);
  };
  const valid = sign(good);
  const [validHead, , validSig] = valid.split(".");
  const otherBody = Buffer.from(JSON.stringify({ ...good, role: "broadcaster" })).toString("base64url");
  const unsignedNone = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(good)).toString("base64url")}.`;

  return [
    { name: "alg none, unsigned", token: unsignedNone, code: "algorithm_not_allowed" },
    {
      name: "alg none with a signature",
      token: sign(good, { alg: "none", typ: "JWT" }),
      code: "algorithm_not_allowed",
    },
    {
      name: "HS512",
      token: forgeJwt({
        header: { alg: "HS512", typ: "JWT" },
        payloadText: JSON.stringify(good),
        key,
        hash: "sha512",
      }),
      code: "algorithm_not_allowed",
    },
    {
      name: "HS384",
      token: forgeJwt({
        header: { alg: "HS384", typ: "JWT" },
        payloadText: JSON.stringify(good),
        key,
        hash: "sha384",
      }),
      code: "algorithm_not_allowed",
    },
    {
      name: "RS256-style header",
      token: sign(good, { alg: "RS256", typ: "JWT" }),
      code: "algorithm_not_allowed",
    },
    { name: "no alg in header", token: sign(good, { typ: "JWT" }), code: "algorithm_not_allowed" },
    {
      name: "signed with another secret",
      token: forgeJwt({ header: hs256, payloadText: JSON.stringify(good), key: randomBytes(32) }),
      code: "signature_invalid",
    },
    {
      name: "signed with an OAuth client secret",
      token: forgeJwt({
        header: hs256,
        payloadText: JSON.stringify(good),
        key: "abcdefghijklmnopqrstuvwxyz0123",
      }),
      code: "signature_invalid",
    },
    {
      name: "signed with the raw, undecoded secret",
      token: forgeJwt({
        header: hs256,
        payloadText: JSON.stringify(good),
        key: Buffer.from(input.secretBase64, "utf8"),
      }),
      code: "signed_with_raw_secret",
    },
    {
      name: "payload swapped under a valid signature",
      token: `${validHead}.${otherBody}.${validSig}`,
      code: "signature_invalid",
    },
    { name: "signature stripped", token: `${validHead}.${valid.split(".")[1]}.`, code: "signature_invalid" },
    { name: "expired an hour ago", token: withClaims({ exp: now - 3600 }), code: "token_expired" },
    {
      name: "exp in milliseconds",
      token: withClaims({ exp: input.clock() + 3_600_000 }),
      code: "exp_in_milliseconds",
    },
    { name: "nbf in the future", token: withClaims({ nbf: now + 3600 }), code: "token_not_yet_valid" },
    {
      name: "claims JSON-encoded twice",
      token: forgeJwt({ header: hs256, payloadText: JSON.stringify(JSON.stringify(good)), key }),
      code: "claims_not_object",
    },
    { name: "claims are an array", token: sign([good]), code: "claims_not_object" },
    { name: "claims are null", token: sign(null), code: "claims_not_object" },
    {
      name: "numeric channel_id",
      token: withClaims({ channel_id: Number(input.channelId) }),
      code: "claims_invalid",
    },
    { name: "numeric user_id", token: withClaims({ user_id: 424242 }), code: "claims_invalid" },
    { name: "empty channel_id", token: withClaims({ channel_id: "" }), code: "claims_invalid" },
    { name: "missing role", token: without("role"), code: "claims_invalid" },
    { name: "unknown role", token: withClaims({ role: "admin" }), code: "claims_invalid" },
    { name: "missing exp", token: without("exp"), code: "claims_invalid" },
    { name: "exp as a string", token: withClaims({ exp: String(now + 3600) }), code: "claims_invalid" },
    { name: "missing opaque_user_id", token: without("opaque_user_id"), code: "claims_invalid" },
    { name: "missing channel_id", token: without("channel_id"), code: "claims_invalid" },
    {
      name: "external role from a browser",
      token: withClaims({ role: "external" }),
      code: "role_not_allowed",
    },
    { name: "garbage", token: "hello", code: "token_malformed" },
    { name: "two parts", token: "abc.def", code: "token_malformed" },
    { name: "four parts", token: `${valid}.extra`, code: "token_malformed" },
    {
      name: "header is not JSON",
      token: `bm90IGpzb24.${valid.split(".")[1]}.${validSig}`,
      code: "token_malformed",
    },
    { name: "payload is not base64url", token: `${validHead}.a+b/c=.${validSig}`, code: "token_malformed" },
    {
      name: "10 KB token",
      token: `${validHead}.${"A".repeat(10 * 1024)}.${validSig}`,
      code: "token_too_large",
    },
  ];
}
