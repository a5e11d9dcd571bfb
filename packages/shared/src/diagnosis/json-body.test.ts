import { describe, expect, it } from "vitest";
import { JSON_NESTING_MAX } from "../json/json-depth.ts";
import { diagnoseUnreadableBody, type UnreadableBody } from "./json-body.ts";

describe("diagnoseUnreadableBody", () => {
  const cases: [UnreadableBody, number, string, RegExp][] = [
    [{ cause: "too_large", limitBytes: 64 * 1024 }, 413, "body_too_large", /over 64 KB/],
    [{ cause: "too_deep" }, 400, "body_too_deep", new RegExp(`more than ${JSON_NESTING_MAX} levels`)],
    [
      { cause: "encoding_unsupported", encoding: "gzip, gzip" },
      415,
      "body_encoding_unsupported",
      /"gzip, gzip" is not one the rig decodes.*uncompressed/,
    ],
    [
      { cause: "encoding_invalid", encoding: "gzip" },
      400,
      "body_encoding_invalid",
      /not "gzip"-compressed as its Content-Encoding header says/,
    ],
    [
      { cause: "charset_unsupported", charset: "klingon" },
      415,
      "body_charset_unsupported",
      /"klingon".*send UTF-8 JSON/,
    ],
    [{ cause: "incomplete" }, 400, "body_incomplete", /send the whole body/],
  ];
  it.each(cases)("refuses %j with %i %s and a sentence naming the fix", (body, status, code, sentence) => {
    const refusal = diagnoseUnreadableBody(body);
    expect(refusal).toMatchObject({ ok: false, status, code });
    expect(refusal.diagnosis).toMatch(sentence);
    expect(refusal.twitchMessage.length).toBeGreaterThan(0);
  });

  it("quotes at most 40 characters of a header value", () => {
    const refusal = diagnoseUnreadableBody({ cause: "encoding_unsupported", encoding: "x".repeat(5000) });
    expect(refusal.diagnosis).toContain(`"${"x".repeat(40)}..."`);
    expect(refusal.diagnosis.length).toBeLessThan(300);
  });
});
