import type { NextFunction, Request, Response } from "express";

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/** CORS for the rig's own API: open to pages served from http://localhost:* and http://127.0.0.1:*. */
export function localCors(req: Request, res: Response, next: NextFunction): void {
  const origin = req.get("origin");
  if (origin && LOCAL_ORIGIN.test(origin)) {
    res.set("Access-Control-Allow-Origin", origin);
    res.set("Vary", "Origin");
    if (req.method === "OPTIONS") {
      res.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      res.set("Access-Control-Allow-Headers", "Content-Type, Authorization");
      res.status(204).end();
      return;
    }
  }
  next();
}
