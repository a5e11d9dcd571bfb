import { defineTestConfig } from "@ext/test-kit/vitest";

/**
 * The tests `pnpm mutation` runs (stryker.config.json): those written for the code that decides who is
 * trusted, so each file is proven by its own tests, and a run stays within CI's budget.
 */
export default defineTestConfig({
  test: {
    include: [
      "src/jwt/*.test.ts",
      "src/secrets/*.test.ts",
      "src/diagnosis/external-jwt.test.ts",
      "src/diagnosis/refuse.test.ts",
      "src/bits/receipt.test.ts",
      "src/eventsub/signature.test.ts",
      "src/diagnosis/eventsub-callback.test.ts",
    ],
  },
});
