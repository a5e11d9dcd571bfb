import type { Response } from "express";
import type { LogEntry } from "../state/types.ts";

/** What a route tells the request log about its call beyond method, path and status (a warning as `diagnosis`). */
type CallDetails = Pick<LogEntry, "pubsub" | "streams" | "diagnosis">;

/** Leaves `details` in `res.locals` for the request log (see {@link loggedDetails}). */
export function noteCallDetails(res: Response, details: CallDetails): void {
  res.locals.callDetails = { ...(res.locals.callDetails as CallDetails | undefined), ...details };
}

/** The details a route noted for the request log, if any. */
export function loggedDetails(res: Response): CallDetails {
  return (res.locals.callDetails as CallDetails | undefined) ?? {};
}
