import type { Request } from "express";

/**
 * The request body as Twitch would read it: a JSON value, or the fields of a form; `undefined` when the
 * body is missing or is not JSON (the route's judge then says so). Bodies arrive as text (see the app).
 */
export function readBody(req: Request): unknown {
  const raw: unknown = req.body;
  if (typeof raw !== "string" || raw.length === 0) return undefined;
  if (req.is("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
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
