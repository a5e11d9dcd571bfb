import { randomBytes } from "node:crypto";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import {
  buildViewerClaims,
  createSecretRing,
  explainExtensionJwt,
  signExtensionJwt,
} from "@ext/shared/server";
import { classicChatMistakes, correctChatCall, forgeJwt, type MistakeFixture } from "@ext/shared/testing";
import { describe, expect, it } from "vitest";
import { formatJwtExplanation } from "./format.ts";

const now = Date.parse("2026-03-01T12:00:00Z");
const fixture: MistakeFixture = {
  clientId: DEV_CONFIG.extension.clientId,
  ownerUserId: "90000001",
  secretBase64: randomBytes(32).toString("base64"),
  clientSecret: DEV_CONFIG.extension.clientSecret,
  version: "0.0.1",
  broadcasterId: "41000001",
  clock: () => now,
};

function doctorToken(token: string, secrets: string[] = [fixture.secretBase64]): string {
  return formatJwtExplanation(
    explainExtensionJwt({
      token,
      secrets,
      clientId: fixture.clientId,
      ownerUserId: fixture.ownerUserId,
      clientSecret: fixture.clientSecret,
      clock: fixture.clock,
    }),
  );
}

/** The JWT mistakes of the shared catalogue and what doctor token must say about each. */
const expected: Record<string, RegExp[]> = {
  "secret used without base64-decoding": [
    /secret #1: verifies only with the secret's raw base64 text/,
    /raw base64 text of secret #1/,
    /Verdict: refused \(signed_with_raw_secret\)/,
  ],
  "OAuth client secret used as the key": [
    /OAuth client secret: verifies/,
    /Verdict: refused \(signed_with_client_secret\)/,
  ],
  "claims JSON-encoded twice": [/encoded twice/, /Verdict: refused \(claims_encoded_twice\)/],
  "user_id as a number": [/user_id\s+number\s+90000001\s+a number: Twitch wants the string "90000001"/],
  "channel_id as a number": [/channel_id_not_string/, /channel_id\s+number/],
  "the channel's id as user_id": [/\(the channel's id\) but the extension owner is "90000001"/],
  "expired exp": [/Expiry:\s+expired 2 minutes ago/, /Verdict: refused \(token_expired\)/],
  "exp in milliseconds": [/exp_in_milliseconds/],
  "the viewer's token from onAuthorized": [/Kind:\s+frontend token \(role "viewer"\)/, /Helix refuses it/],
  "signed with RS256 header": [/alg is "RS256"/, /Verdict: refused \(token_algorithm\)/],
  "no user_id": [/Verdict: refused \(user_id_missing\)/],
};

describe("pnpm run doctor token on the classic mistakes", () => {
  const mistakes = classicChatMistakes(fixture);
  for (const [name, patterns] of Object.entries(expected)) {
    it(`names the cause of "${name}"`, () => {
      const mistake = mistakes.find((m) => m.name === name);
      expect(mistake, `catalogue has "${name}"`).toBeDefined();
      const token = mistake?.call.authorization?.replace(/^Bearer /, "") ?? "";
      const text = doctorToken(token);
      for (const pattern of patterns) expect(text).toMatch(pattern);
    });
  }

  it("explains a correct external JWT as accepted, with claims, types and expiry", () => {
    const text = doctorToken(correctChatCall(fixture).authorization?.replace(/^Bearer /, "") ?? "");
    expect(text).toMatch(/Kind:\s+external JWT/);
    expect(text).toMatch(/user_id\s+string\s+"90000001"\s+the extension owner/);
    expect(text).toMatch(/Expiry:\s+expires in 60 seconds/);
    expect(text).toMatch(/Verdict: accepted/);
  });

  it("says which of two rotation secrets verifies a viewer token", () => {
    const older = randomBytes(32).toString("base64");
    const token = signExtensionJwt(
      buildViewerClaims({
        channelId: "41000001",
        clock: fixture.clock,
        viewer: { kind: "anonymous", userId: "5" },
      }),
      createSecretRing(older),
      fixture.clock,
    );
    const text = doctorToken(token, [fixture.secretBase64, older]);
    expect(text).toMatch(/secret #1: does not verify/);
    expect(text).toMatch(/secret #2: verifies \(signed with the base64-decoded secret/);
    expect(text).toMatch(
      /Verdict: accepted. The EBS would accept this frontend token \(verified with secret #2\)/,
    );
  });

  it("never prints a configured secret", () => {
    const token = forgeJwt({ header: { alg: "HS256" }, payloadText: "{}", key: fixture.clientSecret });
    const text = doctorToken(token);
    expect(text).not.toContain(fixture.secretBase64);
    expect(text).not.toContain(fixture.clientSecret);
  });
});
