import { describe, expect, it } from "vitest";
import { countHeader } from "./count-header.ts";

describe("countHeader", () => {
  it("counts a header's names in rawHeaders whatever their case, never its values", () => {
    const raw = ["Authorization", "authorization", "AUTHORIZATION", "x", "Host", "authorization"];
    expect(countHeader(raw, "authorization")).toBe(2);
    expect(countHeader(raw, "host")).toBe(1);
    expect(countHeader(raw, "content-type")).toBe(0);
  });
});
