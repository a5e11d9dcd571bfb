import { defineTestConfig } from "@ext/test-kit/vitest";

/**
 * The tests `pnpm mutation` runs (stryker.config.json): those written for the files it mutates (the
 * authentication middleware, the EventSub webhook, the Bits receipt route), so each is proven by its own
 * tests, and a run stays within CI's budget (the whole suite takes minutes).
 */
export default defineTestConfig({
  test: {
    include: [
      "src/http/{authenticate,bearer,token-cache}.test.ts",
      "src/bits/eventsub-routes.test.ts",
      "test/bits-receipts.test.ts",
      "test/bits-receipt-{bodies,rotation}.test.ts",
      "test/bits-policy.test.ts",
    ],
  },
});
