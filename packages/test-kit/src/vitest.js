// Plain JavaScript (typed by vitest.d.ts): vitest loads a package's config with Node itself, and Node 20
// cannot import TypeScript from another workspace package.
import { availableParallelism } from "node:os";
import { defineConfig, mergeConfig } from "vitest/config";

// A Stryker worker (`pnpm mutation`) runs a few tests per mutant: its runs must not replace the package's
// report, which `.ci/run` sums after `pnpm test`.
const insideStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined;

// Test files run side by side in this many workers. Vitest's default is one fewer than the CPUs, which is
// one on a 2-core CI machine: every file then waits for the one before, although most of them spend their
// time waiting on servers, processes, Redis and timers, not computing. `TEST_WORKERS` overrides it.
const workers = Number(process.env.TEST_WORKERS) || Math.max(2, availableParallelism() - 1);

export const testPreset = defineConfig({
  test: {
    ...(insideStryker ? {} : { maxWorkers: workers }),
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: insideStryker ? ["default"] : ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});

export function defineTestConfig(config) {
  return mergeConfig(testPreset, config);
}
