import type { ViteUserConfig } from "vitest/config";

/**
 * What every package's tests share: the JSON report `.ci/run` sums into "N passed, N failed" (not written
 * inside a Stryker worker, whose runs are partial), and room for slow shared CI machines (tests that start
 * servers or processes; a hang still fails).
 */
export declare const testPreset: ViteUserConfig;

/** A package's vitest config: the preset, then the package's own settings over it. */
export declare function defineTestConfig(config: ViteUserConfig): ViteUserConfig;
