import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { decodeExtensionSecret } from "./decode.ts";
import { createSecretRing, signingSecret, verifyingSecrets } from "./ring.ts";

const secret = randomBytes(32).toString("base64");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof TwitchRuleError ? error.code : "other";
  }
  return undefined;
}

describe("decodeExtensionSecret", () => {
  it("decodes the base64 secret to its binary bytes", () => {
    expect(decodeExtensionSecret(secret)).toEqual(Buffer.from(secret, "base64"));
    expect(decodeExtensionSecret(` ${secret}\n`)).toHaveLength(32);
  });

  it("recognises an OAuth client secret pasted in its place and says where the right one is", () => {
    const call = () => decodeExtensionSecret("abcdefghijklmnopqrstuvwxyz0123");
    expect(codeOf(call)).toBe("secret_looks_like_client_secret");
    expect(call).toThrow(/Settings → Secret Keys/);
  });

  it("refuses a value that is not base64", () => {
    expect(codeOf(() => decodeExtensionSecret("not base64!"))).toBe("secret_not_base64");
    expect(codeOf(() => decodeExtensionSecret(`${secret.replace(/\+/g, "-").replace(/\//g, "_")}-`))).toBe(
      "secret_not_base64",
    );
  });

  it("refuses an empty value and one too short to be Twitch's", () => {
    expect(codeOf(() => decodeExtensionSecret(""))).toBe("secret_missing");
    expect(codeOf(() => decodeExtensionSecret("c2hvcnQ="))).toBe("secret_too_short");
  });
});

describe("createSecretRing", () => {
  it("signs with the first of plain secrets and verifies with all", () => {
    const other = randomBytes(32).toString("base64");
    const ring = createSecretRing([secret, other]);
    expect(signingSecret(ring, Date.now).index).toBe(0);
    expect(verifyingSecrets(ring, Date.now)).toHaveLength(2);
  });

  it("signs with the active secret that expires last, and leaves expired ones out", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const ring = createSecretRing([
      {
        content: randomBytes(32).toString("base64"),
        activeAt: "2025-01-01T00:00:00Z",
        expiresAt: "2026-01-01T00:30:00Z",
      },
      {
        content: randomBytes(32).toString("base64"),
        activeAt: "2025-12-31T23:55:00Z",
        expiresAt: "2126-01-01T00:00:00Z",
      },
      {
        content: randomBytes(32).toString("base64"),
        activeAt: "2026-01-01T00:05:00Z",
        expiresAt: "2127-01-01T00:00:00Z",
      },
      {
        content: randomBytes(32).toString("base64"),
        activeAt: "2024-01-01T00:00:00Z",
        expiresAt: "2025-01-01T00:00:00Z",
      },
    ]);
    const clock = () => now;
    expect(signingSecret(ring, clock).index).toBe(1);
    expect(verifyingSecrets(ring, clock).map((s) => s.index)).toEqual([0, 1]);
  });

  it("says which secret of several is wrong", () => {
    expect(() => createSecretRing([secret, "nope!"])).toThrow(/^Secret #2: /);
  });

  it("refuses to sign when no secret is active", () => {
    const ring = createSecretRing([{ content: secret, expiresAt: 0 }]);
    expect(codeOf(() => signingSecret(ring, Date.now))).toBe("secret_none_active");
  });
});
