import { type ApiError, EBS_PATHS, JSON_NESTING_MAX } from "@ext/shared";
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "../app-error.ts";
import { TOO_DEEP } from "./json-body.ts";
import { requestFields } from "./request-log.ts";
import { sendJson } from "./send-json.ts";

/** The body a route takes, for the sentences below (`req.url`: the fast lane's requests have no `path`). */
function exampleBody(req: Request): string {
  return req.url.split("?")[0] === EBS_PATHS.settingsChanged
    ? '{"content":"<the broadcaster segment just set>"}'
    : '{"action":"hype"}';
}

/**
 * What the JSON body parser (`json-body.ts`) passes on for a body it could not read: a 4xx, most with a
 * `type` such as "entity.parse.failed". Each becomes `body_invalid` with its status (400, 413 too large,
 * 415 an encoding or charset the EBS does not take) and a sentence saying what to send instead. A 4xx
 * without a type (zlib's errors have none) is a 400 all the same, never a 500.
 */
function bodyParserError(error: unknown, req: Request): AppError | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const { type, status, encoding } = error as { type?: unknown; status?: unknown; encoding?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  const example = exampleBody(req);
  const shown = typeof encoding === "string" ? JSON.stringify(encoding.slice(0, 40)) : "one";
  const known: Record<string, [number, string]> = {
    "entity.parse.failed": [
      400,
      `The body is not valid JSON: send ${example} with Content-Type: application/json.`,
    ],
    "entity.too.large": [413, `The body is too large: send ${example}.`],
    [TOO_DEEP]: [
      400,
      `The body nests arrays or objects more than ${JSON_NESTING_MAX} levels deep: send ${example}.`,
    ],
    "encoding.unsupported": [
      415,
      `The EBS reads bodies uncompressed: send the JSON without Content-Encoding (this request has ${shown}).`,
    ],
    "charset.unsupported": [415, "The body's charset is not supported: send UTF-8 JSON."],
    "request.aborted": [400, "The body ended before its Content-Length: send the whole body."],
    "request.size.invalid": [400, "The body's length is not its Content-Length: send the whole body."],
  };
  const [answer, message] = (typeof type === "string" ? known[type] : undefined) ?? [
    [400, 413, 415].includes(status) ? status : 400,
    `The body could not be read: send ${example} with Content-Type: application/json, uncompressed.`,
  ];
  return new AppError({
    code: "body_invalid",
    status: answer,
    message,
    cause: new Error(typeof type === "string" ? type : `body unreadable (${status})`),
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
        : (badPathError(error) ??
          bodyParserError(error, req) ??
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
      const fields = requestFields(req);
      logger[level](
        { req: fields, res: { statusCode: appError.status }, errorCode: appError.code },
        `${fields.method} ${fields.url} answered ${appError.status}`,
      );
    }
    const body: ApiError = { error: { code: appError.code, message: appError.message } };
    if (appError.retryAfterSeconds !== undefined) {
      body.error.retryAfterSeconds = appError.retryAfterSeconds;
      res.setHeader("Retry-After", String(appError.retryAfterSeconds));
    }
    sendJson(res, appError.status, body);
  };
}
