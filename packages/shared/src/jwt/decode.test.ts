import { describe, expect, it } from "vitest";
import { decodeJwt } from "./decode.ts";

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const header = part({ alg: "HS256", typ: "JWT" });
const payload = part({ exp: 1 });
const signature = "c2lnbmF0dXJl";

describe("decodeJwt", () => {
  it("splits a JWT into its header, payload, signing input and signature", () => {
    expect(decodeJwt(`${header}.${payload}.${signature}`)).toEqual({
      ok: true,
      jwt: {
        header: { alg: "HS256", typ: "JWT" },
        payload: { exp: 1 },
        signingInput: `${header}.${payload}`,
        signature,
      },
    });
  });

  it("keeps claims encoded twice as the string they are", () => {
    const decoded = decodeJwt(`${header}.${part(JSON.stringify({ exp: 1 }))}.${signature}`);
    expect(decoded.ok && decoded.jwt.payload).toBe('{"exp":1}');
  });

  it("counts the parts it was given", () => {
    expect(decodeJwt(`${header}.${payload}`)).toEqual({
      ok: false,
      reason: "a JWT has 3 parts separated by dots, this has 2",
    });
    expect(decodeJwt(`${header}.${payload}.${signature}.x`)).toEqual({
      ok: false,
      reason: "a JWT has 3 parts separated by dots, this has 4",
    });
  });

  it("refuses a signature with padding or any character outside base64url", () => {
    for (const bad of [`${signature}=`, `${signature}+`, `/${signature}`, `${signature} `]) {
      expect(decodeJwt(`${header}.${payload}.${bad}`)).toEqual({
        ok: false,
        reason: "the signature is not base64url",
      });
    }
  });

  it("refuses a header or payload with padding or any character outside base64url, naming which", () => {
    expect(decodeJwt(`${header}=.${payload}.${signature}`)).toEqual({
      ok: false,
      reason: "the header is not base64url",
    });
    expect(decodeJwt(`${header}.+${payload}.${signature}`)).toEqual({
      ok: false,
      reason: "the payload is not base64url",
    });
  });

  it("refuses a header or payload that is not JSON, naming which", () => {
    const notJson = Buffer.from("{alg:HS256}").toString("base64url");
    expect(decodeJwt(`${notJson}.${payload}.${signature}`)).toEqual({
      ok: false,
      reason: "the header is not JSON",
    });
    expect(decodeJwt(`${header}.${notJson}.${signature}`)).toEqual({
      ok: false,
      reason: "the payload is not JSON",
    });
  });

  it("refuses a header that is JSON but not an object: null, an array, a string, a number", () => {
    for (const value of [null, ["HS256"], "HS256", 256]) {
      expect(decodeJwt(`${part(value)}.${payload}.${signature}`)).toEqual({
        ok: false,
        reason: "the header is not a JSON object",
      });
    }
  });

  it("accepts an empty signature, so an unsigned token can be named as such", () => {
    const decoded = decodeJwt(`${header}.${payload}.`);
    expect(decoded.ok && decoded.jwt.signature).toBe("");
  });
});
