import { describe, expect, it } from "vitest";
import { encodeDiagnosisHeader } from "../helix/refusals.ts";
import { DIAGNOSIS_MAX, refuse } from "./external-jwt.ts";

describe("refuse", () => {
  it("keeps a diagnosis as written when it is short", () => {
    expect(refuse(400, "text_empty", "Bad", "The text is empty.")).toEqual({
      ok: false,
      status: 400,
      code: "text_empty",
      twitchMessage: "Bad",
      diagnosis: "The text is empty.",
    });
  });

  it("clips a diagnosis quoting a huge value, keeping its cause and its fix", () => {
    const huge = "a".repeat(60_000);
    const refusal = refuse(
      400,
      "body_field_not_string",
      "Bad",
      `"text" is an object ("${huge}"): send a string.`,
    );
    expect(refusal.diagnosis).toHaveLength(DIAGNOSIS_MAX);
    expect(refusal.diagnosis).toMatch(/^"text" is an object \("a+ \[\.\.\.\] a+"\): send a string\.$/);
  });

  it("keeps a diagnosis of exactly the longest length and clips one character more", () => {
    const longest = "x".repeat(DIAGNOSIS_MAX);
    expect(refuse(400, "text_too_long", "Bad", longest).diagnosis).toBe(longest);
    const clipped = refuse(400, "text_too_long", "Bad", `${longest}y`).diagnosis;
    expect(clipped).toHaveLength(DIAGNOSIS_MAX);
    expect(clipped).toContain(" [...] ");
    expect(clipped.endsWith("xy")).toBe(true);
    // Two thirds for the cause, one third for the fix, around the marker.
    expect(clipped.split(" [...] ").map((part) => part.length)).toEqual([396, 197]);
  });

  it("clips between the halves of a surrogate pair without breaking the header", () => {
    const refusal = refuse(400, "text_too_long", "Bad", "🎉".repeat(1000));
    expect(refusal.diagnosis).toHaveLength(DIAGNOSIS_MAX);
    expect(encodeDiagnosisHeader(refusal.diagnosis)).toMatch(/^[\x20-\x7e]+$/);
  });
});
