import type { ServerResponse } from "node:http";

/**
 * Answers `body` as JSON with `status`, through Node's own response API: the same bytes and headers as
 * Express's `res.status(status).json(body)` (Content-Type with charset, Content-Length), so it serves the
 * routes Express dispatches and the fast lane (`fast-lane.ts`), whose responses are not Express's.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}
