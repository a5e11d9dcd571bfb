import { randomBytes } from "node:crypto";
import { buildViewerClaims, createSecretRing, signExtensionJwt } from "@ext/shared/server";
import { describe, expect, it } from "vitest";
import { createTokenVerifier } from "./token-cache.ts";

const START = Date.parse("2026-03-01T12:00:00Z");
const ring = createSecretRing(randomBytes(32).toString("base64"));

function setup() {
  let now = START;
  const clock = () => now;
  const token = signExtensionJwt(
    buildViewerClaims({
      channelId: "1001",
      clock,
      viewer: { kind: "anonymous", userId: "5" },
      ttlSeconds: 60,
    }),
    ring,
    clock,
  );
  return { verify: createTokenVerifier({ clock, size: 2 }), token, advance: (ms: number) => (now += ms) };
}

describe("the verified-token cache", () => {
  it("answers the same claims for a token it verified before", () => {
    const { verify, token } = setup();
    const first = verify(token, ring);
    const second = verify(token, ring);
    expect(first.ok && second.ok).toBe(true);
    expect(second).toEqual(first);
  });

  it("stops answering from the cache once the token expired", () => {
    const { verify, token, advance } = setup();
    expect(verify(token, ring).ok).toBe(true);
    advance(60_000 + 11_000);
    const late = verify(token, ring);
    expect(late.ok).toBe(false);
    expect(!late.ok && late.error.code).toBe("token_expired");
  });

  it("forgets every token when the secret ring changes (rotation or revocation)", () => {
    const { verify, token } = setup();
    expect(verify(token, ring).ok).toBe(true);
    const other = createSecretRing(randomBytes(32).toString("base64"));
    const refused = verify(token, other);
    expect(!refused.ok && refused.error.code).toBe("signature_invalid");
  });

  it("never caches a refusal: each one is verified and answered with its code", () => {
    const { verify, token } = setup();
    const tampered = `${token.slice(0, -3)}abc`;
    for (let i = 0; i < 2; i++) {
      const result = verify(tampered, ring);
      expect(!result.ok && result.error.code).toBe("signature_invalid");
    }
    expect(verify(token, ring).ok).toBe(true);
  });
});
