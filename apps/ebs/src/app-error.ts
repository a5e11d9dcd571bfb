import type { ApiErrorCode } from "@ext/shared";

/**
 * The EBS's one error type: a stable `code` from the API's list, the HTTP `status` to answer with, a
 * message a person can act on, and the `cause` for the log (never sent to the client).
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Seconds to wait before trying again, when waiting helps (429-like answers). */
  readonly retryAfterSeconds: number | undefined;
  /** The status Twitch answered, when the error is Twitch's refusal (the dashboard shows it). */
  readonly twitchStatus: number | undefined;

  constructor(input: {
    code: ApiErrorCode;
    status: number;
    message: string;
    cause?: unknown;
    retryAfterSeconds?: number;
    twitchStatus?: number;
  }) {
    super(input.message, input.cause === undefined ? undefined : { cause: input.cause });
    this.code = input.code;
    this.status = input.status;
    this.retryAfterSeconds = input.retryAfterSeconds;
    this.twitchStatus = input.twitchStatus;
  }
}

/**
 * A short, secret-free description of a failure to keep as a `cause`. HTTP client errors carry the
 * request's headers and body (the signed JWT, the client secret): never keep those objects themselves.
 */
export function safeCause(error: unknown): Error {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return new Error(typeof code === "string" ? `${code}: ${error.message}` : error.message);
  }
  return new Error(String(error));
}
