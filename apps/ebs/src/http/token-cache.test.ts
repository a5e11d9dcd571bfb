import { randomBytes } from "node:crypto";
import {
  buildViewerClaims,
  createSecretRing,
  type RingSecret,
  type SecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
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

/**
 * A ring whose secrets the test can take away while the ring stays the same object: a token answered
 * after that was answered from memory, one refused was verified again.
 */
function ringToEmpty(content: string | { content: string; expiresAt: number }[]) {
  const secrets: RingSecret[] = [...createSecretRing(content).secrets];
  const ring: SecretRing = { secrets };
  return {
    ring,
    empty: () => void secrets.splice(0),
    restore: (from: SecretRing) => secrets.push(...from.secrets),
  };
}

function tokenFor(userId: string, signer: SecretRing, clock: () => number, ttlSeconds = 60): string {
  const claims = buildViewerClaims({
    channelId: "1001",
    clock,
    viewer: { kind: "anonymous", userId },
    ttlSeconds,
  });
  return signExtensionJwt(claims, signer, clock);
}

describe("the verified-token cache: what it remembers", () => {
  const secret = randomBytes(32).toString("base64");

  function setup(size = 2) {
    let now = START;
    const clock = () => now;
    const { ring, empty } = ringToEmpty(secret);
    const verify = createTokenVerifier({ clock, size });
    const ok = (token: string) => verify(token, ring).ok;
    return { clock, ring, empty, ok, at: (ms: number) => (now = START + ms) };
  }

  it("answers a token it verified from memory, without the secrets", () => {
    const { clock, ring, empty, ok } = setup();
    const token = tokenFor("5", ring, clock);
    const never = tokenFor("6", ring, clock);
    expect(ok(token)).toBe(true);
    empty();
    expect(ok(token)).toBe(true);
    expect(ok(never)).toBe(false);
  });

  it("remembers a token until the instant its exp is reached, then verifies it again", () => {
    const { clock, ring, empty, ok, at } = setup();
    const token = tokenFor("5", ring, clock);
    expect(ok(token)).toBe(true);
    empty();
    at(60_000 - 1);
    expect(ok(token)).toBe(true);
    at(60_000);
    expect(ok(token)).toBe(false);
  });

  it("remembers a token no longer than the secret that verified it lives", () => {
    let now = START;
    const clock = () => now;
    const other = randomBytes(32).toString("base64");
    const { ring, empty } = ringToEmpty([
      { content: other, expiresAt: START + 50_000 },
      { content: secret, expiresAt: START + 20_000 },
    ]);
    const verify = createTokenVerifier({ clock });
    const token = tokenFor("5", createSecretRing(secret), clock);
    const first = verify(token, ring);
    expect(first.ok && first.secretIndex).toBe(1);
    empty();
    now = START + 20_000 - 1;
    expect(verify(token, ring).ok).toBe(true);
    now = START + 20_000;
    expect(verify(token, ring).ok).toBe(false);
  });

  it("forgets the least recently used token when full, not the one just used", () => {
    const { clock, ring, empty, ok } = setup(2);
    const [a, b, c] = ["1", "2", "3"].map((id) => tokenFor(id, ring, clock)) as [string, string, string];
    expect([ok(a), ok(b), ok(a), ok(c)]).toEqual([true, true, true, true]);
    empty();
    expect([ok(a), ok(b), ok(c)]).toEqual([true, false, true]);
  });

  it("drops a remembered token once it expired, so it does not take a live token's place", () => {
    const { clock, ring, empty, ok, at } = setup(2);
    const long = tokenFor("1", ring, clock, 3600);
    const short = tokenFor("2", ring, clock, 60);
    const later = tokenFor("3", ring, clock, 3600);
    expect([ok(long), ok(short)]).toEqual([true, true]);
    at(120_000);
    expect(ok(short)).toBe(false);
    expect(ok(later)).toBe(true);
    empty();
    expect([ok(long), ok(later)]).toEqual([true, true]);
  });
});
