import { defineTestConfig } from "@ext/test-kit/vitest";

export default defineTestConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    globalSetup: ["src/global-setup.ts"],
    // One browser, one stack: the files run one after the other, each with a browser's patience.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
