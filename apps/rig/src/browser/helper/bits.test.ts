// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type BitsPurchaseEvent,
  type ParentToFrameMessage,
  RIG_MESSAGE_SOURCE,
  type RigViewer,
} from "../protocol.ts";
import { testRigState } from "../test-state.ts";
import { createMockHelper, type MockHelper } from "./create-helper.ts";

const RIG = "http://localhost:8090";
const CHANNEL = "100000001";
const PRODUCTS = [{ sku: "mega-hype", displayName: "Mega Hype", cost: { amount: "500", type: "bits" } }];

let parentFrame: HTMLIFrameElement;
let parent: Window;
let posted: unknown[];
let helper: MockHelper | undefined;
let fetched: string[];

const rigFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  fetched.push(url.pathname + url.search);
  if (url.pathname === "/rig/api/bits/products") return Response.json({ products: PRODUCTS });
  if (url.pathname.endsWith("/configuration")) return Response.json({});
  if (url.pathname === "/rig/api/state") return Response.json(testRigState({ channelId: CHANNEL }));
  if (url.pathname === "/rig/api/tokens") {
    return Response.json({
      auth: { channelId: CHANNEL, clientId: "rigclient", token: "t", helixToken: "h", userId: "Ualone" },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      viewer: { opaqueId: "Ualone", id: "200", role: "viewer", isLinked: true },
    });
  }
  return Response.json({ message: "not found" }, { status: 404 });
};

beforeEach(() => {
  parentFrame = document.createElement("iframe");
  document.body.append(parentFrame);
  parent = parentFrame.contentWindow as Window;
  posted = [];
  fetched = [];
  vi.spyOn(parent, "postMessage").mockImplementation((message: unknown) => {
    posted.push(message);
  });
});

afterEach(() => {
  helper?.dispose();
  helper = undefined;
  parentFrame.remove();
  vi.restoreAllMocks();
});

type Body<T> = T extends unknown ? Omit<T, "source"> : never;
function fromParent(message: Body<ParentToFrameMessage>): void {
  window.dispatchEvent(
    new MessageEvent("message", {
      data: { source: RIG_MESSAGE_SOURCE, ...message },
      origin: RIG,
      source: parent,
    }),
  );
}

function start(options: { bitsEnabled?: boolean; opaqueId?: string } = {}): typeof Twitch.ext {
  helper = createMockHelper({ win: window, parent, rigBase: RIG, fetch: rigFetch });
  const viewer: RigViewer = {
    opaqueId: options.opaqueId ?? "Ubuyer",
    id: "200",
    role: "viewer",
    isLinked: true,
  };
  fromParent({
    type: "authorized",
    auth: { channelId: CHANNEL, clientId: "rigclient", token: "t", helixToken: "h", userId: viewer.opaqueId },
    viewer,
  });
  fromParent({
    type: "features",
    features: {
      isBitsEnabled: options.bitsEnabled ?? true,
      isChatEnabled: true,
      isSubscriptionStatusAvailable: false,
    },
    changed: ["isBitsEnabled"],
  });
  return helper.ext;
}

function purchase(overrides: Partial<BitsPurchaseEvent> = {}): BitsPurchaseEvent {
  return {
    channelId: CHANNEL,
    buyerOpaqueId: "Ubuyer",
    broadcast: false,
    loopback: false,
    transaction: {
      transactionID: "tx-1",
      domainID: "twitch.ext.rigclient",
      product: { sku: "mega-hype", displayName: "Mega Hype", cost: { amount: "500", type: "bits" } },
      userId: "200",
      displayName: "Ana",
      transactionReceipt: "a.b.c",
    },
    ...overrides,
  };
}

describe("Twitch.ext.bits in a rig frame", () => {
  it("getProducts answers the rig's products for the channel, and none where Bits are off", async () => {
    const ext = start();
    expect(await ext.bits.getProducts()).toEqual(PRODUCTS);
    expect(fetched).toContain(`/rig/api/bits/products?channelId=${CHANNEL}`);
    helper?.dispose();
    const off = start({ bitsEnabled: false });
    expect(await off.bits.getProducts()).toEqual([]);
  });

  it("useBits asks the rig page, with the loopback setting; showBitsBalance too", () => {
    const ext = start();
    ext.bits.useBits("mega-hype");
    ext.bits.setUseLoopback(true);
    ext.bits.useBits("test-cheer");
    ext.bits.showBitsBalance();
    expect(posted.slice(1)).toEqual([
      { source: RIG_MESSAGE_SOURCE, type: "useBits", sku: "mega-hype", loopback: false },
      { source: RIG_MESSAGE_SOURCE, type: "useBits", sku: "test-cheer", loopback: true },
      { source: RIG_MESSAGE_SOURCE, type: "showBitsBalance" },
    ]);
  });

  it("completes the buyer's purchase with initiator current_user, and cancels when the rig says so", () => {
    const ext = start();
    const completed: Twitch.ext.BitsTransaction[] = [];
    const cancelled = vi.fn();
    ext.bits.onTransactionComplete((tx) => completed.push(tx));
    ext.bits.onTransactionCancelled(cancelled);
    fromParent({ type: "event", event: "bits", data: purchase() });
    expect(completed).toEqual([{ ...purchase().transaction, initiator: "current_user" }]);
    fromParent({ type: "bitsCancelled" });
    expect(cancelled).toHaveBeenCalledTimes(1);
  });

  it("gives other viewers a broadcast product with initiator other, and nothing else of others or other channels", () => {
    const ext = start({ opaqueId: "Uwatcher" });
    const completed: Twitch.ext.BitsTransaction[] = [];
    ext.bits.onTransactionComplete((tx) => completed.push(tx));
    fromParent({ type: "event", event: "bits", data: purchase() });
    fromParent({ type: "event", event: "bits", data: purchase({ broadcast: true, channelId: "999" }) });
    expect(completed).toEqual([]);
    fromParent({ type: "event", event: "bits", data: purchase({ broadcast: true }) });
    expect(completed.map((tx) => tx.initiator)).toEqual(["other"]);
  });

  it("tells the broadcaster's config page of no purchase, not even a broadcast one", () => {
    history.replaceState(null, "", "?mode=config&anchor=panel");
    try {
      const ext = start({ opaqueId: "Uwatcher" });
      const completed = vi.fn();
      ext.bits.onTransactionComplete(completed);
      fromParent({ type: "event", event: "bits", data: purchase({ broadcast: true }) });
      expect(completed).not.toHaveBeenCalled();
    } finally {
      history.replaceState(null, "", "/");
    }
  });

  it("refuses useBits before onAuthorized, and cancels when no rig page can ask", async () => {
    helper = createMockHelper({ win: window, parent, rigBase: RIG, fetch: rigFetch });
    const errors: unknown[] = [];
    helper.ext.onError((e) => errors.push(e));
    helper.ext.bits.useBits("mega-hype");
    expect(String(errors[0])).toMatch(/before Twitch.ext.onAuthorized/);
    helper.dispose();
    errors.length = 0;

    helper = createMockHelper({ win: window, parent: window, rigBase: RIG, fetch: rigFetch });
    const ext = helper.ext;
    ext.onError((e) => errors.push(e));
    const cancelled = vi.fn();
    ext.bits.onTransactionCancelled(cancelled);
    await new Promise<void>((resolve) => ext.onAuthorized(() => resolve()));
    ext.bits.useBits("mega-hype");
    await vi.waitFor(() => expect(cancelled).toHaveBeenCalledTimes(1));
    expect(String(errors.at(-1))).toMatch(/open this page in the rig/);
  });
});
