import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet, for an API that answers JSON only, never a document: a CSP that allows nothing (a response
 * opened as a page runs nothing), nosniff (a browser never reads an answer as script or HTML) and HSTS
 * (HTTPS only, once seen over HTTPS), and none of the headers meant for HTML pages (framing, opener,
 * referrer, cross-origin resource policy, legacy IE ones). Each header is bytes on every answer of a busy
 * endpoint, for its client too.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } },
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}
