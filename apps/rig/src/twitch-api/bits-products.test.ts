import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appTokenFrom, FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

const { clientId } = DEV_CONFIG.extension;
let rig: RigUnderTest;
let token: string;

beforeEach(async () => {
  rig = await startRig();
  token = await appTokenFrom(rig.url);
});
afterEach(async () => {
  await rig.close();
});

function helix(path: string, init: RequestInit & { auth?: string | null } = {}) {
  const headers: Record<string, string> = { "Client-Id": clientId };
  if (init.auth !== null) headers.Authorization = init.auth ?? `Bearer ${token}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${rig.url}${path}`, { ...init, headers });
}

const refusal = async (res: Response) => [res.status, res.headers.get(DIAGNOSIS_HEADERS.code)];
const putProduct = (body: unknown) =>
  helix("/helix/bits/extensions", { method: "PUT", body: JSON.stringify(body) });

describe("Get and Update Extension Bits Products", () => {
  it("starts with the repository's catalogue, in Helix's shape", async () => {
    const res = await helix("/helix/bits/extensions");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { sku: string; cost: unknown; is_broadcast: boolean }[] };
    expect(data.find((p) => p.sku === "mega-hype")).toEqual({
      sku: "mega-hype",
      cost: { amount: 500, type: "bits" },
      in_development: false,
      display_name: "Mega Hype",
      expiration: "",
      is_broadcast: true,
    });
  });

  it("creates and replaces a product by SKU, and answers it", async () => {
    const body = {
      sku: "confetti.v2",
      cost: { amount: 250, type: "bits" },
      display_name: "Confetti",
      is_broadcast: true,
    };
    const created = await putProduct(body);
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({
      data: [{ ...body, in_development: false, expiration: "" }],
    });
    await putProduct({ ...body, cost: { amount: 300, type: "bits" } });
    const { data } = (await (await helix("/helix/bits/extensions")).json()) as {
      data: { sku: string; cost: { amount: number } }[];
    };
    expect(data.filter((p) => p.sku === "confetti.v2").map((p) => p.cost.amount)).toEqual([300]);
  });

  it("leaves out a product whose expiration passed unless should_include_all=true", async () => {
    await putProduct({
      sku: "old",
      cost: { amount: 10, type: "bits" },
      display_name: "Old",
      expiration: "2026-03-01T11:00:00Z",
    });
    await putProduct({
      sku: "later",
      cost: { amount: 10, type: "bits" },
      display_name: "Later",
      expiration: "2026-03-01T13:00:00Z",
    });
    const skus = async (query: string) =>
      (
        (await (await helix(`/helix/bits/extensions${query}`)).json()) as { data: { sku: string }[] }
      ).data.map((p) => p.sku);
    expect(await skus("")).toContain("later");
    expect(await skus("")).not.toContain("old");
    expect(await skus("?should_include_all=true")).toContain("old");
  });

  it("refuses a SKU, a cost or a name against Twitch's rules, with a diagnosis", async () => {
    const good = { sku: "a", cost: { amount: 1, type: "bits" }, display_name: "A" };
    expect(await refusal(await putProduct({ ...good, sku: "no spaces" }))).toEqual([400, "bits_sku_invalid"]);
    expect(await refusal(await putProduct({ ...good, sku: "x".repeat(256) }))).toEqual([
      400,
      "bits_sku_invalid",
    ]);
    const cost = await putProduct({ ...good, cost: { amount: "100", type: "bits" } });
    expect(await refusal(cost)).toEqual([400, "bits_cost_invalid"]);
    expect(decodeURIComponent(cost.headers.get(DIAGNOSIS_HEADERS.message) ?? "")).toMatch(
      /send a number of Bits/,
    );
    expect(await cost.json()).toEqual({
      error: "Bad Request",
      status: 400,
      message: 'Invalid parameter "cost"',
    });
    expect(await refusal(await putProduct({ ...good, display_name: "" }))).toEqual([
      400,
      "bits_product_field_invalid",
    ]);
    expect(await refusal(await helix("/helix/bits/extensions", { method: "PUT", body: "{" }))).toEqual([
      400,
      "body_not_json",
    ]);
  });

  it("takes only an app access token of the extension's client id", async () => {
    expect(await refusal(await helix("/helix/bits/extensions", { auth: null }))).toEqual([
      401,
      "auth_header_missing",
    ]);
    const viewer = await fetch(`${rig.url}/rig/api/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channelId: FIRST_CHANNEL, viewer: "identified" }),
    });
    const { auth } = (await viewer.json()) as { auth: { token: string; helixToken: string } };
    const user = await helix("/helix/bits/extensions", { auth: `Bearer ${auth.helixToken}` });
    expect(await refusal(user)).toEqual([401, "app_token_required"]);
    expect(decodeURIComponent(user.headers.get(DIAGNOSIS_HEADERS.message) ?? "")).toMatch(
      /user access token/,
    );
    const jwt = await helix("/helix/bits/extensions", { auth: `Bearer ${auth.token}` });
    expect(await refusal(jwt)).toEqual([401, "app_token_required"]);
    expect(await refusal(await helix("/helix/bits/extensions", { auth: "Bearer unknown" }))).toEqual([
      401,
      "oauth_token_invalid",
    ]);
    const wrongClient = await fetch(`${rig.url}/helix/bits/extensions`, {
      headers: { Authorization: `Bearer ${token}`, "Client-Id": "x".repeat(30) },
    });
    expect(await refusal(wrongClient)).toEqual([401, "client_id_mismatch"]);
    const log = (await (await fetch(`${rig.url}/rig/api/log`)).json()) as { entries: { code?: string }[] };
    expect(log.entries.map((e) => e.code)).toContain("app_token_required");
  });
});
