import { defineTestConfig } from "./src/vitest.js";

export default defineTestConfig({ test: { include: ["src/**/*.test.ts"] } });
