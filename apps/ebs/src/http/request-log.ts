import type { IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

/**
 * The request as a log line shows it; the logger's redaction removes the Authorization header and cookies.
 * Express's `originalUrl` when Express dispatched it, Node's `url` when the fast lane did (the same string).
 */
export function requestFields(req: IncomingMessage & { originalUrl?: string }) {
  return {
    method: req.method,
    url: req.originalUrl ?? req.url,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
  };
}

/**
 * At LOG_LEVEL info or below: one JSON line per request when it finishes, info for 2xx/3xx, warn for 4xx,
 * error for 5xx, with the error code the error middleware left in `res.locals`. Above info nothing is
 * attached to a request at all (pino-http made a child logger for each): the error middleware then logs
 * the failures, so a busy EBS at LOG_LEVEL=warn pays nothing for its successful requests.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled("info")) return next();
    const started = performance.now();
    res.once("finish", () => {
      const status = res.statusCode;
      const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const errorCode = res.locals?.errorCode;
      const fields = requestFields(req);
      logger[level](
        {
          req: fields,
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
          ...(typeof errorCode === "string" ? { errorCode } : {}),
        },
        status >= 400 ? `${fields.method} ${fields.url} answered ${status}` : "request completed",
      );
    });
    next();
  };
}
