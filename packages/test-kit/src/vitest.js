// Plain JavaScript (typed by vitest.d.ts): vitest loads a package's config with Node itself, and Node 20
// cannot import TypeScript from another workspace package.
import { defineConfig, mergeConfig } from "vitest/config";

// A Stryker worker (`pnpm mutation`) runs a few tests per mutant: its runs must not replace the package's
// report, which `.ci/run` sums after `pnpm test`.
const insideStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined;

export const testPreset = defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: insideStryker ? ["default"] : ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});

export function defineTestConfig(config) {
  return mergeConfig(testPreset, config);
}
