import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { createSecretRing, verifyViewerToken } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";
import type { TokenAnswer } from "./tokens.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

async function tokenFor(body: Record<string, unknown>): Promise<TokenAnswer> {
  const res = await fetch(`${rig.url}/rig/api/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channelId: FIRST_CHANNEL, ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as TokenAnswer;
}

/** The EBS's view: the dev secret from the config, exactly as TWITCH_EXTENSION_SECRET gives it. */
function verifyAsEbs(token: string) {
  const result = verifyViewerToken(token, createSecretRing(DEV_CONFIG.extension.secretBase64), {
    clock: rig.now,
  });
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.claims;
}

describe("POST /rig/api/tokens", () => {
  it("gives an identified viewer a token with user_id, a stable opaque id and an hour to live", async () => {
    const answer = await tokenFor({ viewer: "identified", userId: "51000002" });
    const claims = verifyAsEbs(answer.auth.token);
    expect(claims).toMatchObject({
      role: "viewer",
      user_id: "51000002",
      channel_id: FIRST_CHANNEL,
      is_unlinked: false,
    });
    expect(claims.opaque_user_id).toMatch(/^U/);
    expect(answer.auth).toMatchObject({
      channelId: FIRST_CHANNEL,
      clientId: DEV_CONFIG.extension.clientId,
      userId: claims.opaque_user_id,
    });
    expect(answer.viewer).toEqual({
      opaqueId: claims.opaque_user_id,
      id: "51000002",
      role: "viewer",
      isLinked: true,
    });
    expect(Date.parse(answer.expiresAt)).toBe(Math.floor(rig.now() / 1000) * 1000 + 3600_000);
    expect((await tokenFor({ viewer: "identified", userId: "51000002" })).viewer.opaqueId).toBe(
      claims.opaque_user_id,
    );
  });

  it("gives an anonymous viewer the same opaque id but no user_id", async () => {
    const identified = verifyAsEbs((await tokenFor({ viewer: "identified", userId: "51000001" })).auth.token);
    const answer = await tokenFor({ viewer: "anonymous", userId: "51000001" });
    const claims = verifyAsEbs(answer.auth.token);
    expect(claims.user_id).toBeUndefined();
    expect(claims.opaque_user_id).toBe(identified.opaque_user_id);
    expect(claims.is_unlinked).toBe(true);
    expect(answer.viewer).toMatchObject({ id: null, isLinked: false, role: "viewer" });
    const ana = DEV_CONFIG.users.find((u) => u.id === "51000001");
    expect(answer.account).toEqual({ id: "51000001", displayName: ana?.displayName });
  });

  it("gives a logged-out viewer an A… opaque id that changes every time", async () => {
    const first = verifyAsEbs((await tokenFor({ viewer: "logged-out" })).auth.token);
    const second = verifyAsEbs((await tokenFor({ viewer: "logged-out" })).auth.token);
    expect(first.opaque_user_id).toMatch(/^A/);
    expect(first.opaque_user_id).not.toBe(second.opaque_user_id);
    expect(first.user_id).toBeUndefined();
    expect((await tokenFor({ viewer: "logged-out" })).account).toBeNull();
  });

  it("gives the broadcaster their own channel's id and the right to send PubSub broadcasts", async () => {
    const claims = verifyAsEbs((await tokenFor({ viewer: "broadcaster" })).auth.token);
    expect(claims).toMatchObject({ role: "broadcaster", user_id: FIRST_CHANNEL, channel_id: FIRST_CHANNEL });
    expect(claims.pubsub_perms?.send).toContain("broadcast");
  });

  it("gives the moderator the moderator role and their user id", async () => {
    const answer = await tokenFor({ viewer: "moderator" });
    const claims = verifyAsEbs(answer.auth.token);
    expect(claims).toMatchObject({ role: "moderator", user_id: "51000004" });
    expect(answer.viewer.role).toBe("moderator");
  });

  it("refuses an unknown channel, an unknown viewer kind and an unknown user", async () => {
    const post = (body: unknown) =>
      fetch(`${rig.url}/rig/api/tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ channelId: "123", viewer: "identified" })).status).toBe(404);
    expect((await post({ channelId: FIRST_CHANNEL, viewer: "admin" })).status).toBe(400);
    expect((await post({ channelId: FIRST_CHANNEL, viewer: "identified", userId: "999" })).status).toBe(404);
  });

  it("answers CORS for pages on localhost, as the helper in a panel frame calls it", async () => {
    const res = await fetch(`${rig.url}/rig/api/tokens`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:8080", "Access-Control-Request-Method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:8080");
    const foreign = await fetch(`${rig.url}/rig/api/state`, { headers: { Origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});
