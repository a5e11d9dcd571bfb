import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JSON_NESTING_MAX, jsonNestsDeeperThan } from "./json-depth.ts";

/** The nesting of a parsed value, the slow recursive way: the reference the scan must agree with. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("jsonNestsDeeperThan", () => {
  it("counts arrays and objects, not brackets inside strings", () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    const quoted = JSON.stringify({ text: "[[[[[[[[[[{{{{{{{{{{" });
    expect(jsonNestsDeeperThan(quoted, 1)).toBe(false);
    const escaped = JSON.stringify({ text: 'a "quoted" \\ [[[[[[[[[[[[[[[[', more: ["\\"] });
    expect(jsonNestsDeeperThan(escaped, 1)).toBe(true);
    expect(jsonNestsDeeperThan(escaped, 2)).toBe(false);
  });

  it("judges a nesting exactly at the limit as allowed and one level more as too deep", () => {
    expect(jsonNestsDeeperThan(nested(JSON_NESTING_MAX), JSON_NESTING_MAX)).toBe(false);
    expect(jsonNestsDeeperThan(nested(JSON_NESTING_MAX + 1), JSON_NESTING_MAX)).toBe(true);
    expect(jsonNestsDeeperThan(`{"text":${nested(JSON_NESTING_MAX)}}`, JSON_NESTING_MAX)).toBe(true);
  });

  it("reads a million levels without recursion, in bytes as in text", () => {
    const deep = nested(1_000_000);
    expect(jsonNestsDeeperThan(deep, JSON_NESTING_MAX)).toBe(true);
    expect(jsonNestsDeeperThan(utf8(deep), JSON_NESTING_MAX)).toBe(true);
  });

  it("agrees with the depth of the parsed value, on text and on its UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, max) => {
        const text = JSON.stringify(value);
        const expected = depthOf(value) > max;
        expect(jsonNestsDeeperThan(text, max)).toBe(expected);
        expect(jsonNestsDeeperThan(utf8(text), max)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
