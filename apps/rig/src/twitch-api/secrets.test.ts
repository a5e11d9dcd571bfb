import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import {
  buildExternalChatClaims,
  buildExternalServiceClaims,
  createSecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
import { correctChatCall } from "@ext/shared/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, sendChatCall, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const { clientId, ownerUserId, secretBase64 } = DEV_CONFIG.extension;

interface SecretsAnswer {
  data: { format_version: number; secrets: { content: string; active_at: string; expires_at: string }[] }[];
}

function serviceJwt(secret: string): string {
  return signExtensionJwt(
    buildExternalServiceClaims({ ownerUserId, clock: rig.now }),
    createSecretRing(secret),
    rig.now,
  );
}

function secretsCall(method: "GET" | "POST", secret: string, query = "") {
  return fetch(`${rig.url}/helix/extensions/jwt/secrets?extension_id=${clientId}${query}`, {
    method,
    headers: { Authorization: `Bearer ${serviceJwt(secret)}`, "Client-Id": clientId },
  });
}

function chatSignedWith(secret: string) {
  const claims = buildExternalChatClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now });
  const token = signExtensionJwt(claims, createSecretRing(secret), rig.now);
  return sendChatCall(rig.url, { ...correctChatCall(rig.fixture), authorization: `Bearer ${token}` });
}

describe("Extension Secrets API", () => {
  it("lists the current secret with its window in Twitch's shape", async () => {
    const res = await secretsCall("GET", secretBase64);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SecretsAnswer;
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.format_version).toBe(1);
    expect(body.data[0]?.secrets.map((s) => s.content)).toEqual([secretBase64]);
    expect(Date.parse(body.data[0]?.secrets[0]?.expires_at ?? "")).toBeGreaterThan(
      rig.now() + 50 * 365 * 864e5,
    );
  });

  it("refuses a call signed with another secret, with the diagnosis", async () => {
    const res = await secretsCall("GET", Buffer.alloc(32, 9).toString("base64"));
    expect(res.status).toBe(401);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("signature_invalid");
  });

  it("refuses a rotation delay under 300 seconds", async () => {
    const res = await secretsCall("POST", secretBase64, "&delay=60");
    expect(res.status).toBe(400);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("secrets_delay_invalid");
    expect(rig.state.secrets.list()).toHaveLength(1);
  });

  it("rotates: the new secret is active after the delay; the old one verifies for one more hour, then stops", async () => {
    const res = await secretsCall("POST", secretBase64, "&delay=600");
    expect(res.status).toBe(200);
    const listed = ((await res.json()) as SecretsAnswer).data[0]?.secrets ?? [];
    expect(listed).toHaveLength(2);
    const [old, fresh] = listed;
    expect(old?.content).toBe(secretBase64);
    expect(Date.parse(old?.expires_at ?? "")).toBe(rig.now() + 600_000 + 3_600_000);
    expect(Date.parse(fresh?.active_at ?? "")).toBe(rig.now() + 600_000);
    const newSecret = fresh?.content as string;

    rig.advance(599_000);
    expect((await chatSignedWith(secretBase64)).status).toBe(204);
    expect((await chatSignedWith(newSecret)).status).toBe(401);

    rig.advance(2_000);
    expect((await chatSignedWith(newSecret)).status).toBe(204);
    expect((await chatSignedWith(secretBase64)).status).toBe(204);

    rig.advance(3_600_000);
    const late = await chatSignedWith(secretBase64);
    expect(late.status).toBe(401);
    expect(late.headers.get(DIAGNOSIS_HEADERS.code)).toBe("signature_invalid");
    expect((await chatSignedWith(newSecret)).status).toBe(204);

    const after = (await (await secretsCall("GET", newSecret)).json()) as SecretsAnswer;
    expect(after.data[0]?.secrets.map((s) => s.content)).toEqual([newSecret]);
  });

  it("rotates with the default delay of 300 seconds from the rig API, without showing secrets", async () => {
    const res = await fetch(`${rig.url}/rig/api/secrets/rotate`, { method: "POST" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secretBase64);
    const { secrets } = JSON.parse(text) as { secrets: { activeAt: string; expiresAt: string }[] };
    expect(secrets).toHaveLength(2);
    expect(Date.parse(secrets[0]?.expiresAt ?? "")).toBe(rig.now() + 300_000 + 3_600_000);
  });
});
