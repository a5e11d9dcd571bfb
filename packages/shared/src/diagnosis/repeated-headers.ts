import { countHeader } from "../http/count-header.ts";
import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";

/** Headers a call to Twitch sends once, as they are spelled in the diagnosis. */
const SINGLE_HEADERS = { "client-id": "Client-Id", "content-type": "Content-Type" } as const;

/**
 * The refusal of a call that sends Authorization, Client-Id or Content-Type more than once (Node would keep
 * the first Authorization and Content-Type and join two Client-Ids with a comma, so the server would guess):
 * 401 for two Authorization headers, as for any malformed one; 400 for the others.
 */
export function diagnoseRepeatedHeaders(rawHeaders: readonly string[]): Refusal | undefined {
  const authorizations = countHeader(rawHeaders, "authorization");
  if (authorizations > 1) {
    return refuse(
      401,
      "auth_header_malformed",
      "Invalid OAuth token",
      `The request has ${authorizations} Authorization headers: send exactly one, \`Authorization: Bearer <JWT your EBS signs>\`.`,
    );
  }
  for (const [name, spelled] of Object.entries(SINGLE_HEADERS)) {
    const count = countHeader(rawHeaders, name);
    if (count > 1) {
      return refuse(
        400,
        "header_repeated",
        "Bad Request",
        `The request has ${count} ${spelled} headers: send each header once.`,
      );
    }
  }
  return undefined;
}
