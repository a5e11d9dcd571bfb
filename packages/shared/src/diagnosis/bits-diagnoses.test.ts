import { describe, expect, it } from "vitest";
import { diagnoseAppTokenCall, type KnownAccessToken } from "./app-token-call.ts";
import { diagnoseBitsProductBody, diagnoseTransactionsQuery } from "./bits-calls.ts";
import { diagnoseBitsSubscriptionBody } from "./eventsub-call.ts";

const clientId = "cid";
const tokens = new Map<string, KnownAccessToken>([
  ["apptoken", { kind: "app", clientId }],
  ["helixtoken", { kind: "user", clientId }],
  ["foreign", { kind: "app", clientId: "other" }],
]);

function appCall(authorization: string | undefined, clientIdHeader: string | undefined = clientId) {
  const verdict = diagnoseAppTokenCall({
    authorization,
    clientIdHeader,
    extensionClientId: clientId,
    endpoint: "Get Extension Bits Products",
    lookup: (t) => tokens.get(t),
  });
  return verdict.ok ? "ok" : [verdict.status, verdict.code];
}

describe("diagnoseAppTokenCall", () => {
  it("accepts an app token of the extension's client id and names every other credential", () => {
    expect(appCall("Bearer apptoken")).toBe("ok");
    expect(appCall(undefined)).toEqual([401, "auth_header_missing"]);
    expect(appCall("apptoken")).toEqual([401, "auth_header_malformed"]);
    expect(appCall("Bearer aaa.bbb.ccc")).toEqual([401, "app_token_required"]);
    expect(appCall("Bearer nope")).toEqual([401, "oauth_token_invalid"]);
    expect(appCall("Bearer helixtoken")).toEqual([401, "app_token_required"]);
    expect(appCall("Bearer apptoken", "")).toEqual([401, "client_id_missing"]);
    expect(appCall("Bearer apptoken", "x")).toEqual([401, "client_id_mismatch"]);
    expect(appCall("Bearer foreign", "other")).toEqual([403, "app_token_required"]);
  });
});

const good = { sku: "mega-hype", cost: { amount: 500, type: "bits" }, display_name: "Mega Hype" };

describe("diagnoseBitsProductBody", () => {
  it("accepts a product, defaulting the flags to false and the expiration to none", () => {
    expect(diagnoseBitsProductBody(good)).toEqual({
      ok: true,
      product: { ...good, in_development: false, expiration: "", is_broadcast: false },
    });
    const full = { ...good, in_development: true, is_broadcast: true, expiration: "2030-01-01T00:00:00Z" };
    expect(diagnoseBitsProductBody(full)).toEqual({ ok: true, product: full });
  });

  it("refuses a body that is not JSON, a bad SKU, cost, name, flag or expiration", () => {
    const code = (body: unknown) => {
      const v = diagnoseBitsProductBody(body);
      return v.ok ? "ok" : v.code;
    };
    expect(code(undefined)).toBe("body_not_json");
    expect(code({ ...good, sku: "a b" })).toBe("bits_sku_invalid");
    expect(code({ ...good, sku: undefined })).toBe("bits_sku_invalid");
    expect(code({ ...good, sku: "x".repeat(256) })).toBe("bits_sku_invalid");
    for (const cost of [
      undefined,
      null,
      500,
      { amount: 0, type: "bits" },
      { amount: 1.5, type: "bits" },
      { amount: 5, type: "coins" },
    ]) {
      expect(code({ ...good, cost })).toBe("bits_cost_invalid");
    }
    const stringCost = diagnoseBitsProductBody({ ...good, cost: { amount: "500", type: "bits" } });
    expect(!stringCost.ok && stringCost.diagnosis).toMatch(/the string "500": send a number/);
    for (const display_name of [undefined, "", " ", "x".repeat(256), 5]) {
      expect(code({ ...good, display_name })).toBe("bits_product_field_invalid");
    }
    expect(code({ ...good, is_broadcast: "true" })).toBe("bits_product_field_invalid");
    expect(code({ ...good, in_development: 1 })).toBe("bits_product_field_invalid");
    for (const expiration of ["tomorrow", "2030-01-01", 5, "2030-13-45T00:00:00Z"]) {
      expect(code({ ...good, expiration })).toBe("bits_product_field_invalid");
    }
  });
});

describe("diagnoseTransactionsQuery", () => {
  const query = (q: Partial<Record<"extensionId" | "ids" | "first" | "after", string[]>>) => {
    const v = diagnoseTransactionsQuery({ extensionId: ["cid"], ids: [], first: [], after: [], ...q });
    return v.ok ? v.query : v.code;
  };
  it("reads extension_id, ids, first (default 20) and after", () => {
    expect(query({})).toEqual({ extensionId: "cid", ids: [], first: 20, after: undefined });
    expect(query({ first: ["100"], after: ["c"] })).toEqual({
      extensionId: "cid",
      ids: [],
      first: 100,
      after: "c",
    });
    expect(query({ ids: ["a", "b"] })).toMatchObject({ ids: ["a", "b"] });
  });
  it("refuses no extension_id, over 100 ids, a bad first, and after with id", () => {
    expect(query({ extensionId: [] })).toBe("transactions_query_invalid");
    expect(query({ ids: Array.from({ length: 101 }, String) })).toBe("transactions_query_invalid");
    for (const first of [["0"], ["101"], ["x"], ["5", "6"]])
      expect(query({ first })).toBe("transactions_query_invalid");
    expect(query({ ids: ["a"], after: ["c"] })).toBe("transactions_query_invalid");
  });
});

describe("diagnoseBitsSubscriptionBody", () => {
  const body = {
    type: "extension.bits_transaction.create",
    version: "1",
    condition: { extension_client_id: clientId },
    transport: { method: "webhook", callback: "https://ebs.example/eventsub", secret: "0123456789" },
  };
  const rig = { allowedHosts: [] };
  const code = (b: unknown, inRig = false) => {
    const v = diagnoseBitsSubscriptionBody({
      body: b,
      extensionClientId: clientId,
      ...(inRig ? { rig } : {}),
    });
    return v.ok ? v.request : v.code;
  };
  it("accepts a webhook subscription for this extension, an http callback only in the rig, on this machine", () => {
    expect(code(body)).toEqual({ callback: "https://ebs.example/eventsub", secret: "0123456789" });
    const local = { ...body, transport: { ...body.transport, callback: "http://127.0.0.1:9999/hook" } };
    expect(code(local, true)).toEqual({ callback: "http://127.0.0.1:9999/hook", secret: "0123456789" });
    const judged = diagnoseBitsSubscriptionBody({ body: local, extensionClientId: clientId, rig });
    expect(judged.ok && judged.warning).toMatch(/Twitch requires https on port 443/);
    expect(code(local)).toBe("eventsub_callback_invalid");
    expect(code(body, true)).toBe("eventsub_callback_host_not_allowed");
  });
  it("refuses WebSocket in Twitch's words, and every other bad field with its code", () => {
    const ws = diagnoseBitsSubscriptionBody({
      body: { ...body, transport: { method: "websocket", session_id: "s" } },
      extensionClientId: clientId,
      rig,
    });
    expect(!ws.ok && [ws.code, ws.twitchMessage]).toEqual([
      "eventsub_transport_unsupported",
      "transport method websocket is not supported for this subscription type",
    ]);
    expect(code({ ...body, type: "channel.follow" })).toBe("eventsub_type_unsupported");
    expect(code({ ...body, version: 1 })).toBe("eventsub_version_unsupported");
    expect(code({ ...body, condition: { extension_client_id: "other" } })).toBe("eventsub_condition_invalid");
    expect(code({ ...body, condition: undefined })).toBe("eventsub_condition_invalid");
    expect(code({ ...body, transport: { method: "conduit" } })).toBe("eventsub_transport_unsupported");
    for (const callback of ["not a url", "https://ebs.example:8443/x", 5]) {
      expect(code({ ...body, transport: { ...body.transport, callback } })).toBe("eventsub_callback_invalid");
    }
    for (const secret of [
      "short",
      "x".repeat(101),
      undefined,
      "0123456789é",
      "0123456789\u0080",
      "ﬀﬀﬀﬀﬀﬀﬀﬀﬀﬀ",
    ]) {
      expect(code({ ...body, transport: { ...body.transport, secret } })).toBe("eventsub_secret_invalid");
    }
    for (const secret of ["x".repeat(100), "\u007f".repeat(10)]) {
      expect(code({ ...body, transport: { ...body.transport, secret } })).toEqual({
        callback: body.transport.callback,
        secret,
      });
    }
    expect(code("nope")).toBe("body_not_json");
  });
  it("says what is wrong with a secret: its length, characters outside ASCII, or that it is not a string", () => {
    const diagnosis = (secret: unknown) => {
      const v = diagnoseBitsSubscriptionBody({
        body: { ...body, transport: { ...body.transport, secret } },
        extensionClientId: clientId,
      });
      return v.ok ? "" : `${v.twitchMessage}: ${v.diagnosis}`;
    };
    expect(diagnosis("short")).toBe(
      "invalid transport secret: transport.secret must be an ASCII string of 10 to 100 characters (the HMAC key of every delivery), got 5.",
    );
    expect(diagnosis("0123456789é")).toMatch(/, got 11 with characters outside ASCII\.$/);
    expect(diagnosis(12345678901)).toMatch(/\(the HMAC key of every delivery\)\.$/);
  });
});
