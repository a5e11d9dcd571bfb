import type { z } from "zod";
import type { Clock } from "../clock.ts";
import { buildExternalPubSubClaims, buildExternalServiceClaims } from "../jwt/payloads.ts";
import type { ExternalPubSubClaims, ExternalServiceClaims } from "../twitch/claims.ts";

/** The credential a Twitch call needs; the EBS's Helix client signs or fetches it, never the caller. */
export type HelixAuth =
  /** An external JWT (role external, the owner's user_id), for one channel or for none. */
  | { kind: "external"; channelId?: string; pubsubSend?: readonly string[] }
  /** An app access token of the extension's client id (OAuth client credentials). */
  | { kind: "app" }
  /** None: the OAuth token endpoint itself. */
  | { kind: "none" };

/**
 * One call to Twitch, described in Twitch's wire shapes (snake_case query and body) but not yet
 * authorised: a client adds the base URL, the `Client-Id` and the credential `auth` names, sends it, and
 * reads a successful answer with `response`. Each endpoint is a small builder of these beside this file.
 */
export interface HelixCall<T> {
  /** Twitch's name for the endpoint ("Send Extension Chat Message"), for logs and error messages. */
  endpoint: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** `api`: Helix (api.twitch.tv); `auth`: OAuth (id.twitch.tv). */
  host: "api" | "auth";
  path: string;
  query?: Readonly<Record<string, string | readonly string[]>>;
  /** A JSON body, or an `application/x-www-form-urlencoded` form (OAuth). */
  body?: { json: unknown } | { form: Readonly<Record<string, string>> };
  auth: HelixAuth;
  /** Reads a successful answer's body (an empty body reads as `undefined`). */
  response: z.ZodType<T>;
}

/** The full URL of a call, on the API or OAuth base (Twitch's, or the rig's). */
export function helixCallUrl(call: HelixCall<unknown>, bases: { api: string; auth: string }): string {
  const url = new URL(call.path, call.host === "api" ? bases.api : bases.auth);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (typeof value === "string") url.searchParams.append(name, value);
    else for (const each of value) url.searchParams.append(name, each);
  }
  return url.toString();
}

/** The claims of the external JWT an `external` call is signed with: ids as strings, a short `exp`. */
export function externalClaimsFor(
  auth: Extract<HelixAuth, { kind: "external" }>,
  input: { ownerUserId: string; clock: Clock },
): ExternalServiceClaims | ExternalPubSubClaims {
  if (auth.pubsubSend !== undefined) {
    if (auth.channelId === undefined) throw new TypeError("A PubSub call's JWT needs its channel_id.");
    return buildExternalPubSubClaims({ ...input, channelId: auth.channelId, targets: [...auth.pubsubSend] });
  }
  return buildExternalServiceClaims({
    ...input,
    ...(auth.channelId !== undefined ? { channelId: auth.channelId } : {}),
  });
}
