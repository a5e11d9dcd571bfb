// Plain JavaScript (typed by vitest.d.ts): vitest loads a package's config with Node itself, and Node 20
// cannot import TypeScript from another workspace package.
import { defineConfig, mergeConfig } from "vitest/config";

export const testPreset = defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});

export function defineTestConfig(config) {
  return mergeConfig(testPreset, config);
}
