import pino, { type DestinationStream, type Logger } from "pino";

/** Paths pino replaces with "[redacted]": credentials wherever they could appear in a log line. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['proxy-authorization']",
  "res.headers['set-cookie']",
  "headers.authorization",
  "headers.Authorization",
  "*.authorization",
  "*.Authorization",
  "token",
  "*.token",
  "jwt",
  "*.jwt",
  "externalJwt",
  "*.externalJwt",
  "secret",
  "*.secret",
  "secrets",
  "*.secrets",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "*.client_secret",
  "access_token",
  "*.access_token",
];

/** JSON-lines logger with credentials redacted; `destination` lets tests read what was written. */
export function createLogger(input: {
  level: string;
  name?: string | undefined;
  destination?: DestinationStream;
}): Logger {
  const options = {
    level: input.level,
    name: input.name ?? "ebs",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  return input.destination ? pino(options, input.destination) : pino(options);
}
