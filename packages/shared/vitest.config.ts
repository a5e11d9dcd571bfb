import { defineTestConfig } from "@ext/test-kit/vitest";

export default defineTestConfig({ test: { include: ["src/**/*.test.ts"] } });
