import { defineTestConfig } from "@ext/test-kit/vitest";

export default defineTestConfig({
  test: {
    environment: "jsdom",
    setupFiles: ["./test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "vite/**/*.test.ts", "ship/**/*.test.ts"],
  },
});
