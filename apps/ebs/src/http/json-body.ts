import { JSON_NESTING_MAX, jsonNestsDeeperThan } from "@ext/shared";
import express, { type RequestHandler } from "express";

/** The `type` of the error a body nested too deep raises, as body-parser names its own errors. */
export const TOO_DEEP = "entity.too.deep";

/**
 * express.json's `verify`, run on the raw bytes before they are parsed: JSON nested deeper than
 * {@link JSON_NESTING_MAX} is refused (400) before anything recursive could read it. Bodies too short to
 * nest that deep (the 17 bytes of `{"action":"hype"}`) are not scanned.
 */
function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonNestsDeeperThan(raw, JSON_NESTING_MAX)) {
    throw Object.assign(new Error("JSON nested too deep"), { status: 400, type: TOO_DEEP });
  }
}

/**
 * The EBS's JSON body parser: at most `limit`, uncompressed (the panel never compresses a request, and a
 * compressed body would only be work to inflate: any Content-Encoding but identity is a 415), no deeper
 * than {@link JSON_NESTING_MAX}. Its errors are mapped by the error handler.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({ limit, inflate: false, verify: refuseDeepJson });
}
