import type { Request } from "express";

/** Query parameters whose values the request log never keeps. */
const SENSITIVE_PARAM = /secret|token|code|password|assertion/i;

/** The path and query of a request with every sensitive query value redacted (the log keeps no secret). */
export function loggablePath(req: Request): string {
  const url = redactedUrl(new URL(req.originalUrl, "http://rig.local"));
  return url.pathname + url.search.replace(/%5Bredacted%5D/g, "[redacted]");
}

/** A URL with every sensitive query value redacted, e.g. a webhook callback the rig calls, for the log. */
export function loggableUrl(value: string): string {
  return redactedUrl(new URL(value)).href.replace(/%5Bredacted%5D/g, "[redacted]");
}

function redactedUrl(url: URL): URL {
  for (const key of [...url.searchParams.keys()]) {
    if (SENSITIVE_PARAM.test(key)) url.searchParams.set(key, "[redacted]");
  }
  return url;
}
