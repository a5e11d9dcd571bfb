import type { ApiError } from "@ext/shared";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "../app-error.ts";
import { requestFields } from "./request-log.ts";

/** What express.json() throws for bad input: a 4xx with a `type` such as "entity.parse.failed". */
function bodyParserError(error: unknown): AppError | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type !== "string" || typeof status !== "number" || status < 400 || status >= 500)
    return undefined;
  const messages: Record<string, string> = {
    "entity.parse.failed":
      'The body is not valid JSON: send {"action":"hype"} with Content-Type: application/json.',
    "entity.too.large": 'The body is too large: send {"action":"hype"}.',
    "encoding.unsupported": "The body's Content-Encoding is not supported: send plain JSON.",
    "charset.unsupported": "The body's charset is not supported: send UTF-8 JSON.",
  };
  return new AppError({
    code: "body_invalid",
    status: status === 413 ? 413 : 400,
    message: messages[type] ?? 'The body could not be read: send JSON like {"action":"hype"}.',
    cause: new Error(type),
  });
}

/** The router's answer to a path parameter that is not valid percent-encoding (a URIError with status 400). */
function badPathError(error: unknown): AppError | undefined {
  if (!(error instanceof URIError)) return undefined;
  return new AppError({
    code: "not_found",
    status: 404,
    message: "Nothing here: the path is not valid percent-encoding.",
    cause: new Error(error.message),
  });
}

/** 404 `not_found` for every path the EBS does not serve. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(
    new AppError({
      code: "not_found",
      status: 404,
      message: `Nothing here: ${req.method} ${req.path.slice(0, 100)}. The EBS serves POST /api/actions, GET /api/actions/:id, POST /api/settings/changed and GET /health.`,
    }),
  );
};

/**
 * The one error middleware: an {@link AppError} becomes `{ error: { code, message } }` with its status;
 * anything else is logged with its stack and answered 500 `internal` without details. Above LOG_LEVEL info
 * (where the request log is off) it logs each failure itself.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const appError =
      error instanceof AppError
        ? error
        : (bodyParserError(error) ??
          badPathError(error) ??
          new AppError({
            code: "internal",
            status: 500,
            message: "The EBS failed to handle this request; its log has the details.",
            cause: error,
          }));
    if (appError.status >= 500 && appError.code === "internal") {
      logger.error({ err: error }, "unhandled error");
    }
    res.locals.errorCode = appError.code;
    if (!logger.isLevelEnabled("info")) {
      const level = appError.status >= 500 ? "error" : "warn";
      logger[level](
        { req: requestFields(req), res: { statusCode: appError.status }, errorCode: appError.code },
        `${req.method} ${req.originalUrl} answered ${appError.status}`,
      );
    }
    const body: ApiError = { error: { code: appError.code, message: appError.message } };
    if (appError.retryAfterSeconds !== undefined) {
      body.error.retryAfterSeconds = appError.retryAfterSeconds;
      res.setHeader("Retry-After", String(appError.retryAfterSeconds));
    }
    res.status(appError.status).json(body);
  };
}
