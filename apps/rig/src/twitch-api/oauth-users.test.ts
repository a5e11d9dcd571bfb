import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const { clientId, clientSecret, secretBase64 } = DEV_CONFIG.extension;

function tokenCall(params: Record<string, string>) {
  return fetch(`${rig.url}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  });
}

async function appToken(): Promise<string> {
  const res = await tokenCall({
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: "client_credentials",
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("POST /oauth2/token", () => {
  it("issues an app access token for the client credentials", async () => {
    const res = await tokenCall({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body.token_type).toBe("bearer");
    expect(body.access_token).toMatch(/^\w{20,}$/);
    expect(body.expires_in).toBeGreaterThan(3600);
  });

  it("accepts the parameters in the query string too", async () => {
    const query = new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    const res = await fetch(`${rig.url}/oauth2/token?${query}`, { method: "POST" });
    expect(res.status).toBe(200);
  });

  it("refuses the extension secret used as the client secret, and says which secret belongs there", async () => {
    const res = await tokenCall({
      client_id: clientId,
      client_secret: secretBase64,
      grant_type: "client_credentials",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ status: 403, message: "invalid client secret" });
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("oauth_extension_secret_used");
    expect(res.headers.get(DIAGNOSIS_HEADERS.message)).toMatch(/Client Secret/);
  });

  it("refuses a wrong client secret, an unknown client id and another grant type", async () => {
    const wrong = await tokenCall({
      client_id: clientId,
      client_secret: "x".repeat(30),
      grant_type: "client_credentials",
    });
    expect([wrong.status, wrong.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      403,
      "oauth_client_secret_invalid",
    ]);
    const unknown = await tokenCall({
      client_id: "y".repeat(30),
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    expect([unknown.status, unknown.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      400,
      "oauth_client_unknown",
    ]);
    const grant = await tokenCall({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "password",
    });
    expect([grant.status, grant.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      400,
      "oauth_grant_type_unsupported",
    ]);
  });

  it("never writes the client secret into the request log", async () => {
    const query = new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    await fetch(`${rig.url}/oauth2/token?${query}`, { method: "POST" });
    await tokenCall({ client_id: clientId, client_secret: secretBase64, grant_type: "client_credentials" });
    const log = await (await fetch(`${rig.url}/rig/api/log`)).text();
    expect(log).not.toContain(clientSecret);
    expect(log).not.toContain(secretBase64);
    expect(log).toContain("client_secret=[redacted]");
  });
});

describe("GET /helix/users", () => {
  it("answers display names for ids and logins with an app access token", async () => {
    const token = await appToken();
    const res = await fetch(`${rig.url}/helix/users?id=51000001&id=51000004&login=bo_watches&id=999`, {
      headers: { Authorization: `Bearer ${token}`, "Client-Id": clientId },
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { id: string; login: string; display_name: string }[] };
    expect(data.map((u) => [u.id, u.login, u.display_name])).toEqual([
      ["51000001", "ana_plays", "Ana"],
      ["51000002", "bo_watches", "Bo"],
      ["51000004", "mod_marta", "Marta"],
    ]);
  });

  it("accepts the helixToken the rig hands a frontend", async () => {
    const tokens = await fetch(`${rig.url}/rig/api/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channelId: "41000001", viewer: "identified" }),
    });
    const { auth } = (await tokens.json()) as { auth: { helixToken: string } };
    const res = await fetch(`${rig.url}/helix/users?id=41000001`, {
      headers: { Authorization: `Bearer ${auth.helixToken}`, "Client-Id": clientId },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a missing token, an unknown token, an extension JWT, and a Client-Id that does not match", async () => {
    const none = await fetch(`${rig.url}/helix/users?id=1`, { headers: { "Client-Id": clientId } });
    expect([none.status, none.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([401, "auth_header_missing"]);
    const unknown = await fetch(`${rig.url}/helix/users?id=1`, {
      headers: { Authorization: "Bearer nope", "Client-Id": clientId },
    });
    expect([unknown.status, unknown.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      401,
      "oauth_token_invalid",
    ]);
    expect(await unknown.json()).toEqual({
      error: "Unauthorized",
      status: 401,
      message: "Invalid OAuth token",
    });
    const jwt = await fetch(`${rig.url}/helix/users?id=1`, {
      headers: { Authorization: "Bearer aaa.bbb.ccc", "Client-Id": clientId },
    });
    expect(jwt.headers.get(DIAGNOSIS_HEADERS.message)).toMatch(/app access token/);
    const token = await appToken();
    const mismatch = await fetch(`${rig.url}/helix/users?id=1`, {
      headers: { Authorization: `Bearer ${token}`, "Client-Id": "z".repeat(30) },
    });
    expect([mismatch.status, mismatch.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([
      401,
      "client_id_mismatch",
    ]);
  });

  it("refuses an app token past its expiry", async () => {
    const token = await appToken();
    rig.advance(61 * 24 * 3600 * 1000);
    const res = await fetch(`${rig.url}/helix/users?id=51000001`, {
      headers: { Authorization: `Bearer ${token}`, "Client-Id": clientId },
    });
    expect(res.status).toBe(401);
  });

  it("refuses a query with no id or login, or more than 100", async () => {
    const token = await appToken();
    const headers = { Authorization: `Bearer ${token}`, "Client-Id": clientId };
    const empty = await fetch(`${rig.url}/helix/users`, { headers });
    expect([empty.status, empty.headers.get(DIAGNOSIS_HEADERS.code)]).toEqual([400, "users_query_invalid"]);
    const many = Array.from({ length: 101 }, (_, i) => `id=${i + 1}`).join("&");
    expect((await fetch(`${rig.url}/helix/users?${many}`, { headers })).status).toBe(400);
  });
});
