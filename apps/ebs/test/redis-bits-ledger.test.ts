import { describe, expect, it } from "vitest";
import { redisKeys } from "../src/delivery/redis/keys.ts";
import { createRedisBitsLedger } from "../src/store/redis/bits-ledger.ts";
import { bitsLedgerContract } from "./support/bits-ledger-contract.ts";
import { useRedisServer } from "./support/redis-server.ts";

/** The Redis Bits ledger against a real redis-server: the same contract as SQLite. */
let seq = 0;
const keys = redisKeys("bits-test:");

const { connect } = useRedisServer();

describe("the Redis Bits ledger", () => {
  bitsLedgerContract(
    async () => createRedisBitsLedger({ redis: connect(), keys }),
    () => String(++seq),
  );

  it("keeps each transaction in its own hash-tagged key with no expiry", async () => {
    const redis = connect();
    const ledger = createRedisBitsLedger({ redis, keys });
    await ledger.claim({
      transactionId: "tx-key",
      channelId: "1001",
      userId: "424242",
      sku: "mega-hype",
      bits: 500,
      actionId: "a1",
      source: "transactions_api",
      claimedAt: "2026-03-01T12:00:00.000Z",
    });
    expect(keys.bitsTransaction("tx-key")).toBe("bits-test:{bits-tx:tx-key}");
    expect(await redis.pttl("bits-test:{bits-tx:tx-key}")).toBe(-1);
    await ledger.firstDelivery("m1", Date.now());
    expect(await redis.pttl(keys.eventSubMessage("m1"))).toBeGreaterThan(10 * 60 * 1000);
  });
});
