import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyViewerToken } from "../jwt/verify.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { badViewerTokens } from "./bad-tokens.ts";

const secret = randomBytes(32).toString("base64");
const clock = () => 1_800_000_000_000;
const cases = badViewerTokens({ secretBase64: secret, channelId: "100", clock });

describe("the catalogue of viewer tokens Twitch would refuse", () => {
  it("has more than 25 classic mistakes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)("refuses $name with $code", ({ token, code }) => {
    const result = verifyViewerToken(token, createSecretRing(secret), { clock });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});
