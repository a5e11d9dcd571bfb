import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { createSecretRing } from "../secrets/ring.ts";
import type { ExternalChatClaims } from "../twitch/claims.ts";
import { decodeJwt } from "./decode.ts";
import { buildExternalChatClaims } from "./payloads.ts";
import { signExtensionJwt } from "./sign.ts";

const secret = randomBytes(32).toString("base64");
const clock = () => 1_800_000_000_000;

describe("signExtensionJwt", () => {
  it("signs HS256 with the base64-decoded secret, claims as an object, no extra iat", () => {
    const claims = buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock });
    const token = signExtensionJwt(claims, createSecretRing(secret), clock);
    expect(
      jwt.verify(token, Buffer.from(secret, "base64"), {
        algorithms: ["HS256"],
        clockTimestamp: 1_800_000_000,
      }),
    ).toEqual(claims);
    const decoded = decodeJwt(token);
    expect(decoded.ok && decoded.jwt.header).toEqual({ alg: "HS256", typ: "JWT" });
  });

  it("signs with the secret rotation says to sign with", () => {
    const newer = randomBytes(32).toString("base64");
    const ring = createSecretRing([
      { content: secret, expiresAt: 1_800_000_100_000 },
      { content: newer, activeAt: 0 },
    ]);
    const token = signExtensionJwt(
      buildExternalChatClaims({ ownerUserId: "1", channelId: "2", clock }),
      ring,
      clock,
    );
    expect(() => jwt.verify(token, Buffer.from(newer, "base64"), { ignoreExpiration: true })).not.toThrow();
  });

  it("refuses claims that were JSON-encoded already", () => {
    const encoded = JSON.stringify({ exp: 1, user_id: "1", role: "external", channel_id: "2" });
    expect(() =>
      signExtensionJwt(encoded as unknown as ExternalChatClaims, createSecretRing(secret), clock),
    ).toThrow(/do not JSON.stringify/);
  });
});
