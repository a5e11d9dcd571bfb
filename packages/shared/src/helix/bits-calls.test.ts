import { describe, expect, it } from "vitest";
import {
  createBitsTransactionSubscription,
  getEventSubSubscriptions,
  getExtensionBitsProducts,
  getExtensionTransactions,
  updateExtensionBitsProduct,
} from "./bits-calls.ts";
import { helixCallUrl } from "./helix-call.ts";

const bases = { api: "http://127.0.0.1:8090", auth: "http://127.0.0.1:8091" };
const product = {
  sku: "mega-hype",
  displayName: "Mega Hype",
  cost: 500,
  inDevelopment: true,
  broadcast: true,
};

describe("Bits Helix calls", () => {
  it("reads the products with an app token, every product with should_include_all", () => {
    const call = getExtensionBitsProducts();
    expect([call.method, helixCallUrl(call, bases), call.auth]).toEqual([
      "GET",
      "http://127.0.0.1:8090/helix/bits/extensions",
      { kind: "app" },
    ]);
    expect(helixCallUrl(getExtensionBitsProducts({ includeAll: true }), bases)).toBe(
      "http://127.0.0.1:8090/helix/bits/extensions?should_include_all=true",
    );
    const answer = {
      sku: "a",
      cost: { amount: 1, type: "bits" },
      in_development: false,
      display_name: "A",
      expiration: "",
      is_broadcast: false,
    };
    expect(call.response.parse({ data: [answer] }).data).toEqual([answer]);
  });

  it("puts a product in Helix's shape and refuses one that breaks Twitch's rules before sending", () => {
    const call = updateExtensionBitsProduct(product);
    expect([call.method, call.path, call.auth]).toEqual(["PUT", "/helix/bits/extensions", { kind: "app" }]);
    expect(call.body).toEqual({
      json: {
        sku: "mega-hype",
        cost: { amount: 500, type: "bits" },
        in_development: true,
        display_name: "Mega Hype",
        expiration: "",
        is_broadcast: true,
      },
    });
    expect(() => updateExtensionBitsProduct({ ...product, sku: "mega hype" })).toThrow(
      /"mega hype" breaks Twitch's rules: sku/,
    );
    expect(() => updateExtensionBitsProduct({ ...product, cost: 0 })).toThrow(/cost/);
  });

  it("asks for transactions by id, page size and cursor, within Twitch's limits", () => {
    const call = getExtensionTransactions({ clientId: "cid", ids: ["t1", "t2"], first: 100, after: "c" });
    expect(helixCallUrl(call, bases)).toBe(
      "http://127.0.0.1:8090/helix/extensions/transactions?extension_id=cid&id=t1&id=t2&first=100&after=c",
    );
    expect(helixCallUrl(getExtensionTransactions({ clientId: "cid" }), bases)).toBe(
      "http://127.0.0.1:8090/helix/extensions/transactions?extension_id=cid",
    );
    expect(getExtensionTransactions({ clientId: "cid" }).auth).toEqual({ kind: "app" });
    expect(() =>
      getExtensionTransactions({ clientId: "c", ids: Array.from({ length: 101 }, String) }),
    ).toThrow(/at most 100 ids, got 101/);
    for (const first of [0, 101, 2.5])
      expect(() => getExtensionTransactions({ clientId: "c", first })).toThrow(/first is 1 to 100/);
    expect(getExtensionTransactions({ clientId: "c", first: 1 }).query?.first).toBe("1");
  });

  it("subscribes a webhook to extension.bits_transaction.create v1 for this extension", () => {
    const call = createBitsTransactionSubscription({
      clientId: "cid",
      callback: "https://ebs.example/eventsub",
      secret: "0123456789",
    });
    expect([call.method, call.path, call.auth]).toEqual([
      "POST",
      "/helix/eventsub/subscriptions",
      { kind: "app" },
    ]);
    expect(call.body).toEqual({
      json: {
        type: "extension.bits_transaction.create",
        version: "1",
        condition: { extension_client_id: "cid" },
        transport: { method: "webhook", callback: "https://ebs.example/eventsub", secret: "0123456789" },
      },
    });
    expect(() =>
      createBitsTransactionSubscription({ clientId: "c", callback: "https://x", secret: "short" }),
    ).toThrow(/10 to 100 characters, got 5/);
    expect(() =>
      createBitsTransactionSubscription({ clientId: "c", callback: "https://x", secret: "x".repeat(101) }),
    ).toThrow(RangeError);
    expect(
      createBitsTransactionSubscription({ clientId: "c", callback: "https://x", secret: "x".repeat(100) })
        .method,
    ).toBe("POST");
    expect(helixCallUrl(getEventSubSubscriptions({ after: "n" }), bases)).toBe(
      "http://127.0.0.1:8090/helix/eventsub/subscriptions?type=extension.bits_transaction.create&after=n",
    );
  });
});
