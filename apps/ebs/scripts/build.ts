import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  dependencies?: Record<string, string>;
};
/**
 * The EBS's own runtime dependencies stay external (node_modules has them); workspace packages
 * (@ext/*, shipped as TypeScript source) are bundled, and with them their dependencies, which
 * apps/ebs/node_modules does not hold.
 */
const external = Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith("@ext/"));

await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`), ...builtinModules.map((m) => `node:${m}`)],
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  logLevel: "info",
});
