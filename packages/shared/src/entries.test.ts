import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = dirname(fileURLToPath(import.meta.url));

/** Every file and package a module imports, following the package's own files. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(src, file), "utf8");
    for (const [, from] of text.matchAll(/^(?:import|export)[^;]*?from "([^"]+)";/gms)) {
      if (!from) continue;
      if (from.startsWith(".")) visit(join(dirname(file), from));
      else packages.add(from);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the browser-safe entry", () => {
  const { files, packages } = importGraph("index.ts");

  it("reaches no secret, signing or verifying code", () => {
    const serverOnly = [...files].filter((f) => /^(jwt|secrets|diagnosis\/(?!codes|channel-state))/.test(f));
    expect(serverOnly).toEqual([]);
    expect([...packages].sort()).toEqual(["zod/mini"]);
  });

  it("names what it exports: no export *", () => {
    for (const entry of ["index.ts", "server.ts", "testing.ts", "dev-extension.ts"]) {
      expect(readFileSync(join(src, entry), "utf8")).not.toMatch(/export \*/);
    }
  });
});
