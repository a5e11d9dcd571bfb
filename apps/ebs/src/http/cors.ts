import cors from "cors";
import type { RequestHandler } from "express";
import { AppError } from "../errors.ts";

/**
 * CORS for the extension's frontend: the listed origins only, the preflight answered without a token,
 * Authorization and Content-Type allowed. A request from another origin gets no CORS headers and a 403.
 */
export function createCors(allowedOrigins: readonly string[]): RequestHandler[] {
  const allowed = new Set(allowedOrigins);
  const refuseOthers: RequestHandler = (req, _res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin)) return next();
    next(
      new AppError({
        code: "origin_not_allowed",
        status: 403,
        message: `The origin ${origin.slice(0, 100)} may not call this EBS: the extension's own origin is allowed, and ALLOWED_ORIGINS adds others.`,
      }),
    );
  };
  const corsHeaders = cors({
    origin: [...allowed],
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
  // Without an Origin header there is no browser to tell anything (and no answer of the EBS is cacheable).
  const corsWhenAsked: RequestHandler = (req, res, next) =>
    req.headers.origin === undefined ? next() : corsHeaders(req, res, next);
  return [refuseOthers, corsWhenAsked];
}
