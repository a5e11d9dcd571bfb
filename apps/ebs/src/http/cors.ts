import cors from "cors";
import type { RequestHandler } from "express";
import { AppError } from "../app-error.ts";

/**
 * CORS for the extension's frontend: the listed origins only, the preflight answered without a token,
 * Authorization and Content-Type allowed. A request from another origin gets no CORS headers and a 403.
 */
export function createCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const corsHeaders = cors({
    origin: [...allowed],
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
  return (req, res, next) => {
    const origin = req.headers.origin;
    // Without an Origin header there is no browser to tell anything (and no answer of the EBS is cacheable).
    if (origin === undefined) return next();
    if (allowed.has(origin)) return corsHeaders(req, res, next);
    next(
      new AppError({
        code: "origin_not_allowed",
        status: 403,
        message: `The origin ${origin.slice(0, 100)} may not call this EBS: the extension's own origin is allowed, and ALLOWED_ORIGINS adds others.`,
      }),
    );
  };
}
