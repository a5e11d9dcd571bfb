import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bitsAcceptedAnswer, type FakeEbs, startFakeEbs, unreachableUrl } from "../../test/fake-ebs.ts";
import { createFakeTwitchExt, type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { createEbsClient } from "../api/ebs-client.ts";
import { createTwitchStore } from "../twitch/twitch-store.ts";
import { createBitsStore } from "./bits-store.ts";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;

beforeEach(async () => {
  ebs = await startFakeEbs();
  twitch = createFakeTwitchExt();
});

afterEach(() => ebs.close());

function store(baseUrl: string, retryDelaysMs = [5, 5, 5]) {
  const helper = createTwitchStore(twitch);
  twitch.authorize({ token: viewerToken({ userId: "98765" }) });
  return createBitsStore({
    twitch: helper,
    ebs: createEbsClient({ baseUrl }),
    loopback: false,
    tokenRefreshTimeoutMs: 200,
    retryDelaysMs,
  });
}

async function settled(bits: ReturnType<typeof store>, status: string): Promise<void> {
  await expect.poll(() => bits.getSnapshot().purchase.status, { timeout: 3_000 }).toBe(status);
}

describe("the Bits store", () => {
  it("tries the receipt a bounded number of times when the EBS cannot be reached, then says it went unreported", async () => {
    const bits = store(await unreachableUrl());
    twitch.fakeBits.complete({ transactionReceipt: "r" });
    expect(bits.getSnapshot().purchase.status).toBe("reporting");
    await settled(bits, "unreported");
    expect(twitch.fakeBits.loopback, "no loopback outside development").toEqual([]);
  });

  it("sends the receipt again with Twitch's next token after token_expired", async () => {
    const bits = store(ebs.url);
    ebs.answer(
      { status: 401, json: { error: { code: "token_expired", message: "expired" } } },
      bitsAcceptedAnswer("a-1"),
    );
    twitch.fakeBits.complete({ transactionReceipt: "r" });
    await expect.poll(() => ebs.requests.length).toBe(1);
    const fresh = viewerToken({ userId: "98765" });
    twitch.authorize({ token: fresh });
    await settled(bits, "sent");
    expect(ebs.requests[1]).toMatchObject({
      path: "/api/bits/transactions",
      authorization: `Bearer ${fresh}`,
    });
  });

  it("registers its callbacks once and keeps only the last purchase's state", async () => {
    const bits = store(ebs.url);
    bits.buy("mega-hype");
    expect(bits.getSnapshot().purchase).toEqual({ status: "confirming" });
    twitch.fakeBits.cancel();
    expect(bits.getSnapshot().purchase).toEqual({ status: "cancelled" });
    expect(twitch.fakeBits.used).toEqual(["mega-hype"]);
  });
});
