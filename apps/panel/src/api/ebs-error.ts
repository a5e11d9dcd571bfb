import type { ApiErrorCode } from "@ext/shared";

/** Failures that happen before the EBS could answer with one of its own codes. */
export const clientErrorCodes = ["network", "not_json", "unexpected_response"] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

/** A code the EBS answered that this panel was built without (a newer EBS): `describeError` says "unknown". */
export type UnknownEbsCode = string & Record<never, never>;

/**
 * Every reason a hype can fail: the EBS's `error.code`, or what went wrong on the way. The EBS's code is
 * read as it wrote it (`apiErrorAnswerSchema`: the page does not ship the list of every code), so it may be
 * one this panel does not know.
 */
export type EbsErrorCode = ApiErrorCode | ClientErrorCode | UnknownEbsCode;

/** The one error type the EBS client throws. */
export class EbsError extends Error {
  override readonly name = "EbsError";
  readonly code: EbsErrorCode;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /** Seconds to wait before trying again, when the EBS said so. */
  readonly retryAfterSeconds: number | undefined;

  constructor(input: {
    code: EbsErrorCode;
    message: string;
    status?: number | undefined;
    retryAfterSeconds?: number | undefined;
    cause?: unknown;
  }) {
    super(input.message, { cause: input.cause });
    this.code = input.code;
    this.status = input.status;
    this.retryAfterSeconds = input.retryAfterSeconds;
  }
}
