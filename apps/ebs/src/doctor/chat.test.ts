import { randomBytes } from "node:crypto";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTwitch, startFakeTwitch } from "../../test/support/fake-twitch.ts";
import { parseConfig } from "../config.ts";
import { runChatCheck } from "./chat.ts";

const now = Date.parse("2026-03-01T12:00:00Z");
const clock = () => now;
const secret = randomBytes(32).toString("base64");
const { clientId, clientSecret } = DEV_CONFIG.extension;
const ready = {
  installedVersion: "0.0.1",
  activated: true,
  versionState: "released" as const,
  chatGranted: true,
  requiredConfigurationMet: true,
};

let fake: FakeTwitch;
beforeAll(async () => {
  fake = await startFakeTwitch({
    clientId,
    ownerUserId: "90000001",
    secretBase64: secret,
    clientSecret,
    version: "0.0.1",
    clock,
    channels: [
      { broadcasterId: "41000001", ...ready },
      { broadcasterId: "41000002", ...ready, chatGranted: false },
    ],
    users: {},
  });
});
afterAll(() => fake.close());

function check(channelId: string, env: Record<string, string> = {}) {
  const full = {
    TWITCH_CLIENT_ID: clientId,
    TWITCH_EXTENSION_VERSION: "0.0.1",
    TWITCH_OWNER_ID: "90000001",
    TWITCH_EXTENSION_SECRET: secret,
    TWITCH_CLIENT_SECRET: clientSecret,
    TWITCH_API_BASE: fake.url,
    TWITCH_AUTH_BASE: fake.url,
    ...env,
  };
  return runChatCheck({
    config: parseConfig(full),
    secrets: full.TWITCH_EXTENSION_SECRET.split(","),
    channelId,
    text: "doctor test",
    clock,
  });
}

describe("pnpm run doctor chat", () => {
  it("sends one message through the EBS's Helix code and says it was sent", async () => {
    const before = fake.accepted.length;
    const report = await check("41000001");
    expect(report).toMatchObject({ ok: true, status: 204 });
    expect(report.text).toMatch(/ok: 204, the message was sent/);
    expect(fake.accepted.slice(before).map((a) => a.text)).toEqual(["doctor test"]);
  });

  it("explains a channel whose broadcaster has not granted chat with the diagnosis", async () => {
    const report = await check("41000002");
    expect(report).toMatchObject({ ok: false, status: 401, diagnosisCode: "chat_not_granted" });
    expect(report.text).toMatch(/Cause \(the rig's diagnosis, chat_not_granted\): .*Creator Dashboard/);
  });

  it("explains a version that is not the installed one", async () => {
    const report = await check("41000001", { TWITCH_EXTENSION_VERSION: "9.9.9" });
    expect(report).toMatchObject({ ok: false, status: 404, diagnosisCode: "version_not_installed" });
    expect(report.text).toMatch(/"9\.9\.9" but channel 41000001 has "0\.0\.1" installed/);
  });

  it("shows the signed JWT's claims and names the secret mistake, but never prints the JWT", async () => {
    const wrong = randomBytes(32).toString("base64");
    fake.chatBearers.length = 0;
    const report = await check("41000001", { TWITCH_EXTENSION_SECRET: wrong });
    expect(report.diagnosisCode).toBe("signature_invalid");
    expect(report.text).toMatch(/user_id\s+string\s+"90000001"\s+the extension owner/);
    expect(report.text).toMatch(/channel_id\s+string\s+"41000001"/);
    const sent = fake.chatBearers[0] ?? "";
    expect(sent.length).toBeGreaterThan(20);
    expect(report.text).not.toContain(sent);
    expect(report.text).not.toContain(sent.split(".")[2]);
    expect(report.text).not.toContain(wrong);
  });

  it("explains real Twitch's terse refusal with the causes the status can have and the local checks", async () => {
    fake.chatMode = { kind: "status", status: 401 };
    try {
      const report = await check("41000001");
      expect(report).toMatchObject({ ok: false, status: 401, diagnosisCode: undefined });
      expect(report.text).toMatch(/What 401 can mean: Twitch refused the authentication/);
      expect(report.text).toMatch(/Real Twitch does not say which/);
      expect(report.text).toMatch(/Verdict: accepted/);
    } finally {
      fake.chatMode = { kind: "judge" };
    }
  });

  it("says when nothing answers at the API base", async () => {
    const report = await check("41000001", { TWITCH_API_BASE: "http://127.0.0.1:9" });
    expect(report.ok).toBe(false);
    expect(report.text).toMatch(/no answer from http:\/\/127\.0\.0\.1:9/);
  });
});
