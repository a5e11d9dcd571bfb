import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { bearerToken } from "./bearer.ts";

/** What bearerToken reads of a request: its Authorization header, as Express hands it over, and the raw list. */
function request(authorization: string | undefined, repeated = 1): Request {
  if (authorization === undefined) return { headers: {}, rawHeaders: [] as string[] } as Request;
  const rawHeaders = Array.from({ length: repeated }, () => ["Authorization", authorization]).flat();
  return { headers: { authorization }, rawHeaders } as Request;
}

function refusal(authorization: string | undefined): { code: string; status: number } | undefined {
  try {
    bearerToken(request(authorization));
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status };
    throw error;
  }
  return undefined;
}

describe("bearerToken", () => {
  it("takes the token after Bearer, whatever the case of Bearer and the spaces around", () => {
    for (const header of [
      "Bearer abc.def.ghi",
      "bearer abc.def.ghi",
      "BEARER   abc.def.ghi",
      "  Bearer abc.def.ghi \t",
    ]) {
      expect(bearerToken(request(header))).toBe("abc.def.ghi");
    }
  });

  it("answers 401 token_missing for no header, an empty one or a blank one", () => {
    for (const header of [undefined, "", "  \t "]) {
      expect(refusal(header)).toEqual({ code: "token_missing", status: 401 });
    }
  });

  it("answers 401 token_malformed for anything before Bearer, after the token, or in place of the space", () => {
    for (const header of [
      "xBearer abc",
      "Bearer abc def",
      "Bearer",
      "Bearer ",
      "Bearerabc",
      "Bearer\tabc",
      "Basic abc",
    ]) {
      expect(refusal(header)).toEqual({ code: "token_malformed", status: 401 });
    }
  });

  it("answers 401 token_malformed for two Authorization headers, whichever one Node kept", () => {
    let refused: { code: string; status: number; message: string } | undefined;
    try {
      bearerToken(request("Bearer abc.def.ghi", 2));
    } catch (error) {
      if (error instanceof AppError)
        refused = { code: error.code, status: error.status, message: error.message };
    }
    expect(refused).toEqual({
      code: "token_malformed",
      status: 401,
      message:
        "The request has more than one Authorization header: send exactly one, `Authorization: Bearer <token>`.",
    });
  });
});
