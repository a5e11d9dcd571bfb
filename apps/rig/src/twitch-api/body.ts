import { JSON_NESTING_MAX, jsonNestsDeeperThan } from "@ext/shared";
import type { UnreadableBody } from "@ext/shared/server";
import type { Request } from "express";

/**
 * The request body as Twitch would read it: a JSON value, or the fields of a form; `undefined` when the
 * body is missing or is not JSON (the route's judge then says so). Bodies arrive as text (see the app), and
 * no deeper than {@link JSON_NESTING_MAX} (the router refuses deeper ones first).
 */
export function readBody(req: Request): unknown {
  const raw: unknown = req.body;
  if (typeof raw !== "string" || raw.length === 0) return undefined;
  if (isForm(req)) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isForm(req: Request): boolean {
  return req.is("application/x-www-form-urlencoded") === "application/x-www-form-urlencoded";
}

/** True when the text body (not a form) nests deeper than {@link JSON_NESTING_MAX}. */
export function textBodyTooDeep(req: Request): boolean {
  return typeof req.body === "string" && !isForm(req) && jsonNestsDeeperThan(req.body, JSON_NESTING_MAX);
}

/** The `type` of the error {@link refuseDeepJson} throws, as body-parser names its own. */
const TOO_DEEP = "entity.too.deep";

/**
 * express.json's `verify`: refuses raw JSON nested deeper than {@link JSON_NESTING_MAX} before it is
 * parsed (body-parser passes the error on with its status, 400, and its `type`).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonNestsDeeperThan(raw, JSON_NESTING_MAX)) {
    throw Object.assign(new Error("JSON nested too deep"), { status: 400, type: TOO_DEEP });
  }
}

/**
 * What went wrong reading a body, from the error body-parser (or zlib under it) passed on; undefined for
 * an error that is not about the body. A zlib error has a status but no `type`: the body is not in the
 * Content-Encoding its header names.
 */
export function unreadableBody(error: unknown, req: Request): UnreadableBody | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.status !== "number" || e.status < 400 || e.status >= 500) return undefined;
  switch (e.type) {
    case "entity.too.large":
      return { cause: "too_large", limitBytes: typeof e.limit === "number" ? e.limit : 0 };
    case TOO_DEEP:
      return { cause: "too_deep" };
    case "encoding.unsupported":
      return { cause: "encoding_unsupported", encoding: req.get("content-encoding") ?? "" };
    case "charset.unsupported":
      return { cause: "charset_unsupported", charset: typeof e.charset === "string" ? e.charset : "" };
    case "request.aborted":
    case "request.size.invalid":
      return { cause: "incomplete" };
  }
  const encoding = req.get("content-encoding");
  if (e.type === undefined && encoding !== undefined) return { cause: "encoding_invalid", encoding };
  return undefined;
}

/** One query parameter as a list of strings (Twitch repeats `id=..&id=..`). */
export function queryList(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/** Reads the bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer (\S+)$/i.exec(header?.trim() ?? "");
  return match?.[1];
}
