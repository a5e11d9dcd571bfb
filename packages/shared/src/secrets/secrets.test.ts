import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TwitchRuleError } from "../twitch-rule-error.ts";
import { decodeExtensionSecret } from "./decode.ts";
import { createSecretRing, signingSecret, verifyingSecrets } from "./ring.ts";

const secret = randomBytes(32).toString("base64");
const WHERE =
  "Twitch wants the Extension Secret: Extension console → your extension → Settings → Secret Keys (a base64 string).";

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

  it("says where the extension secret is when it is empty or too short", () => {
    expect(() => decodeExtensionSecret(" \n")).toThrow(`The extension secret is empty. ${WHERE}`);
    expect(() => decodeExtensionSecret(randomBytes(15).toString("base64"))).toThrow(
      `The extension secret decodes to only 15 bytes; Twitch's decode to 32. ${WHERE}`,
    );
  });

  it("accepts a secret of 16 bytes, the shortest it allows", () => {
    expect(decodeExtensionSecret(randomBytes(16).toString("base64"))).toHaveLength(16);
  });

  it("accepts base64 with two, one or no padding characters", () => {
    for (const length of [31, 32, 33]) {
      const text = randomBytes(length).toString("base64");
      expect(decodeExtensionSecret(text)).toEqual(Buffer.from(text, "base64"));
    }
  });

  it("refuses base64 whose padding was cut off or whose length is not a multiple of four", () => {
    const padded = randomBytes(31).toString("base64");
    for (const text of [padded.replace(/=+$/, ""), `${padded}=`, `${randomBytes(33).toString("base64")}A`]) {
      expect(codeOf(() => decodeExtensionSecret(text))).toBe("secret_not_base64");
    }
  });

  it("tells apart a secret with - or _ (base64url, retyped) from other bad characters", () => {
    const urlSafe = randomBytes(32).toString("base64url");
    expect(() => decodeExtensionSecret(`${urlSafe}-`)).toThrow(
      `The extension secret is not valid base64. It contains - or _: paste it exactly as the console shows it. ${WHERE}`,
    );
    expect(() => decodeExtensionSecret("not base64!")).toThrow(
      `The extension secret is not valid base64. ${WHERE}`,
    );
  });

  it("takes for a client secret only a value that is 30 lowercase letters and digits from start to end", () => {
    const thirty = "abcdefghijklmnopqrstuvwxyz0123";
    expect(decodeExtensionSecret(`AB${thirty}`)).toHaveLength(24);
    expect(decodeExtensionSecret(`${thirty}AB`)).toHaveLength(24);
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

  it("refuses to sign when no secret is active, saying where to create one", () => {
    const ring = createSecretRing([{ content: secret, expiresAt: 0 }]);
    expect(codeOf(() => signingSecret(ring, Date.now))).toBe("secret_none_active");
    expect(() => signingSecret(ring, Date.now)).toThrow(
      "No extension secret is active now: every configured secret has expired or is not active yet. Create one in the Extension console (Settings → Secret Keys).",
    );
  });

  it("counts a secret as verifying from its activeAt instant up to, not including, its expiresAt", () => {
    const ring = createSecretRing([{ content: secret, activeAt: 1_000, expiresAt: 2_000 }]);
    const verifiesAt = (ms: number) => verifyingSecrets(ring, () => ms).length === 1;
    expect([999, 1_000, 1_999, 2_000].map(verifiesAt)).toEqual([false, true, true, false]);
  });

  it("reads ISO dates and epoch milliseconds alike, and leaves a secret without dates always active", () => {
    const [dated, plain] = createSecretRing([
      { content: secret, activeAt: "2026-01-01T00:00:00Z", expiresAt: 1_800_000_000_000 },
      secret,
    ]).secrets;
    expect([dated?.activeAt, dated?.expiresAt]).toEqual([
      Date.parse("2026-01-01T00:00:00Z"),
      1_800_000_000_000,
    ]);
    expect([plain?.activeAt, plain?.expiresAt]).toEqual([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });

  it("refuses a date that is not one, naming the field", () => {
    const activeAt = () => createSecretRing([{ content: secret, activeAt: "soon" }]);
    expect(codeOf(activeAt)).toBe("secret_date_invalid");
    expect(activeAt).toThrow('activeAt is not a date: "soon".');
    expect(() => createSecretRing([{ content: secret, expiresAt: Number.NaN }])).toThrow(
      "expiresAt is not a date: null.",
    );
  });

  it("refuses an empty list of secrets", () => {
    const call = () => createSecretRing([]);
    expect(codeOf(call)).toBe("secret_missing");
    expect(call).toThrow("At least one extension secret is needed.");
  });

  it("names the secret's position only when there are several, and keeps the cause", () => {
    expect(() => createSecretRing(["nope!"])).toThrow(/^The extension secret is not valid base64/);
    try {
      createSecretRing([secret, "nope!"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TwitchRuleError);
      expect((error as TwitchRuleError).code).toBe("secret_not_base64");
      expect((error as Error).cause).toBeInstanceOf(TwitchRuleError);
    }
  });

  it("keeps the secret's trimmed base64 text as the raw key, to recognise it used by mistake", () => {
    const ring = createSecretRing(` ${secret}\n`);
    const raw = ring.secrets[0]?.rawKey.export();
    expect(raw?.toString()).toBe(secret);
  });
});
