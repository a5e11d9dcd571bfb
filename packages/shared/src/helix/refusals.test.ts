import { describe, expect, it } from "vitest";
import {
  decodeDiagnosisHeader,
  encodeDiagnosisHeader,
  explainChatRefusal,
  helixErrorBody,
} from "./refusals.ts";

describe("diagnosis headers", () => {
  it("carry only printable ASCII and read back to the sentence, arrows and dashes spelled out", () => {
    const sentence = "Grant chat: Creator Dashboard → Extensions → Permissions — then retry.\nÉté 🎉";
    const header = encodeDiagnosisHeader(sentence);
    expect(header).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeDiagnosisHeader(header)).toBe(
      "Grant chat: Creator Dashboard -> Extensions -> Permissions - then retry. Été 🎉",
    );
  });

  it("turns a lone surrogate (JSON can carry one) into U+FFFD instead of throwing", () => {
    const header = encodeDiagnosisHeader('"text" is an object ("\ud800")');
    expect(header).toBe('"text" is an object ("%EF%BF%BD")');
    expect(decodeDiagnosisHeader(header)).toBe('"text" is an object ("\ufffd")');
  });

  it("reads nothing from an absent header and keeps a value that is not percent-encoding", () => {
    expect(decodeDiagnosisHeader(undefined)).toBeUndefined();
    expect(decodeDiagnosisHeader("")).toBeUndefined();
    expect(decodeDiagnosisHeader("100% sure")).toBe("100% sure");
  });
});

describe("Helix errors", () => {
  it("have Helix's body shape", () => {
    expect(helixErrorBody(401, "authentication failed")).toEqual({
      error: "Unauthorized",
      status: 401,
      message: "authentication failed",
    });
  });

  it("explain a 404 as a version not installed and activated", () => {
    expect(explainChatRefusal(404)).toMatch(/not installed and activated/);
  });
});
