import { countHeader } from "@ext/shared";
import type { Request } from "express";
import { AppError } from "../app-error.ts";

/**
 * The token of an `Authorization: Bearer <token>` header; 401 `token_missing` / `token_malformed` (also for
 * two Authorization headers: Node would keep the first and drop the other unseen).
 */
export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === "") {
    throw new AppError({
      code: "token_missing",
      status: 401,
      message:
        "No Authorization header: send the latest Twitch.ext.onAuthorized auth.token as `Authorization: Bearer <token>`.",
    });
  }
  if (countHeader(req.rawHeaders, "authorization") > 1) {
    throw new AppError({
      code: "token_malformed",
      status: 401,
      message:
        "The request has more than one Authorization header: send exactly one, `Authorization: Bearer <token>`.",
    });
  }
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError({
      code: "token_malformed",
      status: 401,
      message:
        'The Authorization header must be "Bearer <token>": one word "Bearer", a space, then the token.',
    });
  }
  return match[1];
}
