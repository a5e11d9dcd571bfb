import { describe, expect, it } from "vitest";
import { diagnoseRepeatedHeaders } from "./repeated-headers.ts";

describe("diagnoseRepeatedHeaders", () => {
  it("refuses two Authorization headers, in any case, with 401 auth_header_malformed", () => {
    const refusal = diagnoseRepeatedHeaders(["Authorization", "Bearer a", "authorization", "Bearer b"]);
    expect(refusal).toMatchObject({ status: 401, code: "auth_header_malformed" });
    expect(refusal?.diagnosis).toMatch(/2 Authorization headers: send exactly one/);
  });

  it("refuses a repeated Client-Id or Content-Type with 400 header_repeated", () => {
    expect(diagnoseRepeatedHeaders(["Client-Id", "a", "CLIENT-ID", "a"])).toMatchObject({
      status: 400,
      code: "header_repeated",
      diagnosis: "The request has 2 Client-Id headers: send each header once.",
    });
    expect(
      diagnoseRepeatedHeaders(["Content-Type", "application/json", "content-type", "text/plain"]),
    ).toMatchObject({
      status: 400,
      code: "header_repeated",
      diagnosis: expect.stringMatching(/Content-Type/),
    });
  });

  it("lets through one of each, and repeats of headers that may repeat", () => {
    expect(
      diagnoseRepeatedHeaders([
        "Authorization",
        "Bearer a",
        "Client-Id",
        "a",
        "Content-Type",
        "application/json",
        "Accept",
        "a",
        "Accept",
        "b",
      ]),
    ).toBeUndefined();
  });
});
