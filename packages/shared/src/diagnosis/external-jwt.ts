import { createSecretKey } from "node:crypto";
import { type Clock, epochSeconds } from "../clock.ts";
import { decodeJwt } from "../jwt/decode.ts";
import { EXP_MILLISECONDS_THRESHOLD, hs256SignatureMatches } from "../jwt/hs256.ts";
import { type SecretRing, verifyingSecrets } from "../secrets/ring.ts";
import type { Refusal, RefusalCode } from "./codes.ts";

/** What Twitch knows about an extension, enough to judge the JWTs signed for it. */
export interface ExtensionIdentity {
  clientId: string;
  ownerUserId: string;
  secrets: SecretRing;
  /** The OAuth client secret, to recognise it when used as the signing key by mistake. */
  clientSecret?: string;
}

/** Verified external claims, typed as Twitch reads them. */
export interface ExternalJwt {
  claims: Record<string, unknown>;
  userId: string;
  channelId: string | undefined;
  role: string;
}

/** The longest diagnosis a refusal carries: it travels in a response header and in the rig's log. */
export const DIAGNOSIS_MAX = 600;
const CLIPPED = " [...] ";

/**
 * A diagnosis within {@link DIAGNOSIS_MAX} characters. A sentence that quotes a huge value from the request
 * keeps its beginning (the cause) and its end (the fix) and loses the middle; a header over the client's
 * limit (16 KB in Node) would leave the caller with no answer at all.
 */
function clipDiagnosis(diagnosis: string): string {
  if (diagnosis.length <= DIAGNOSIS_MAX) return diagnosis;
  const tail = Math.floor((DIAGNOSIS_MAX - CLIPPED.length) / 3);
  const head = DIAGNOSIS_MAX - CLIPPED.length - tail;
  return `${diagnosis.slice(0, head)}${CLIPPED}${diagnosis.slice(-tail)}`;
}

/** A refusal: Twitch's status and message, and the rig's diagnosis (clipped to {@link DIAGNOSIS_MAX}). */
export function refuse(status: number, code: RefusalCode, twitchMessage: string, diagnosis: string): Refusal {
  return { ok: false, status, code, twitchMessage, diagnosis: clipDiagnosis(diagnosis) };
}

const AUTH_FAILED = "authentication failed";

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Judges the `Authorization` and `Client-Id` headers of a Helix extension call the way Twitch does, and
 * names the exact mistake: raw secret, client secret, claims encoded twice, number ids, wrong owner,
 * expiry, a viewer token where an external JWT belongs.
 */
export function diagnoseExternalJwt(input: {
  authorization: string | undefined;
  clientIdHeader: string | undefined;
  extension: ExtensionIdentity;
  clock: Clock;
}): { ok: true; jwt: ExternalJwt } | Refusal {
  const { authorization, extension } = input;
  if (!authorization) {
    return refuse(
      401,
      "auth_header_missing",
      "OAuth token is missing",
      "No Authorization header: send `Authorization: Bearer <JWT your EBS signs>`.",
    );
  }
  const match = /^Bearer (\S+)$/.exec(authorization.trim());
  if (!match?.[1]) {
    return refuse(
      401,
      "auth_header_malformed",
      "Invalid OAuth token",
      'The Authorization header must be exactly "Bearer <token>" (one space, no quotes, no second "Bearer").',
    );
  }
  const token = match[1];
  if (!input.clientIdHeader) {
    return refuse(
      401,
      "client_id_missing",
      "Client-Id header required",
      "No Client-Id header: send `Client-Id: <your extension's client id>` with every Helix call.",
    );
  }
  if (input.clientIdHeader !== extension.clientId) {
    return refuse(
      500,
      "client_id_mismatch",
      "Internal Server Error",
      `Client-Id "${input.clientIdHeader}" is not this extension's client id "${extension.clientId}" (Twitch has answered this with 500): send the extension's own client id.`,
    );
  }
  const decoded = decodeJwt(token);
  if (!decoded.ok) {
    return refuse(
      401,
      "token_not_jwt",
      AUTH_FAILED,
      `The Bearer token is not a JWT (${decoded.reason}): extension endpoints take a JWT your EBS signs with role "external", not an OAuth access token.`,
    );
  }
  const { header, payload, signingInput, signature } = decoded.jwt;
  if (header.alg !== "HS256") {
    return refuse(
      401,
      "token_algorithm",
      AUTH_FAILED,
      `The JWT is signed with ${describe(header.alg)}; Twitch accepts HS256 only.`,
    );
  }
  const secrets = verifyingSecrets(extension.secrets, input.clock);
  if (!secrets.some((s) => hs256SignatureMatches(signingInput, signature, s.key))) {
    if (secrets.some((s) => hs256SignatureMatches(signingInput, signature, s.rawKey))) {
      return refuse(
        401,
        "signed_with_raw_secret",
        AUTH_FAILED,
        "The JWT was signed with the extension secret's base64 text: base64-decode the secret and sign with the resulting bytes.",
      );
    }
    if (
      extension.clientSecret &&
      hs256SignatureMatches(signingInput, signature, createSecretKey(Buffer.from(extension.clientSecret)))
    ) {
      return refuse(
        401,
        "signed_with_client_secret",
        AUTH_FAILED,
        "The JWT was signed with the OAuth Client Secret: sign with the Extension Secret (Extension console → Settings → Secret Keys), base64-decoded.",
      );
    }
    return refuse(
      401,
      "signature_invalid",
      AUTH_FAILED,
      "The JWT's signature matches no current secret of this extension: sign with this extension's secret (Settings → Secret Keys), base64-decoded, and check it was not rotated.",
    );
  }
  if (typeof payload === "string") {
    return refuse(
      401,
      "claims_encoded_twice",
      AUTH_FAILED,
      "The JWT's claims are a JSON string, not an object: they were JSON-encoded before signing; pass the claims object to the signer.",
    );
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return refuse(
      401,
      "claims_encoded_twice",
      AUTH_FAILED,
      "The JWT's claims are not a JSON object: sign an object of claims.",
    );
  }
  const claims = payload as Record<string, unknown>;
  const exp = claims.exp;
  if (typeof exp !== "number") {
    return refuse(
      401,
      "exp_missing",
      AUTH_FAILED,
      `The JWT has no numeric exp claim (got ${describe(exp)}): set exp to now + 60, in seconds.`,
    );
  }
  if (exp > EXP_MILLISECONDS_THRESHOLD) {
    return refuse(
      401,
      "exp_in_milliseconds",
      AUTH_FAILED,
      "The exp claim is in milliseconds: JWT exp is in seconds (Math.floor(Date.now() / 1000) + 60).",
    );
  }
  const now = epochSeconds(input.clock);
  if (exp <= now) {
    return refuse(
      401,
      "token_expired",
      AUTH_FAILED,
      `The JWT expired ${now - exp} s ago: sign a fresh one for every call (and check the server's clock).`,
    );
  }
  const role = claims.role;
  if (role === "viewer" || role === "broadcaster" || role === "moderator") {
    return refuse(
      401,
      "viewer_token_used",
      AUTH_FAILED,
      `This is a frontend token (role "${role}") from onAuthorized: the EBS must sign its own JWT with role "external" and the owner's user_id.`,
    );
  }
  if (role !== "external") {
    return refuse(
      401,
      "role_not_external",
      AUTH_FAILED,
      `The role claim is ${describe(role)}: it must be the string "external".`,
    );
  }
  const userId = claims.user_id;
  if (userId === undefined) {
    return refuse(
      401,
      "user_id_missing",
      AUTH_FAILED,
      `The JWT has no user_id claim: set it to the extension owner's id "${extension.ownerUserId}".`,
    );
  }
  if (typeof userId !== "string") {
    return refuse(
      401,
      "user_id_not_string",
      AUTH_FAILED,
      `The user_id claim is a ${typeof userId}: send it as a string ("${String(userId)}").`,
    );
  }
  if (userId !== extension.ownerUserId) {
    return refuse(
      401,
      "user_id_not_owner",
      AUTH_FAILED,
      `The user_id claim is "${userId}" but the extension's owner is "${extension.ownerUserId}": with role external, user_id is the owner's id, not the channel's or the viewer's.`,
    );
  }
  const channelId = claims.channel_id;
  if (channelId !== undefined && typeof channelId !== "string") {
    return refuse(
      401,
      "channel_id_not_string",
      AUTH_FAILED,
      `The channel_id claim is a ${typeof channelId}: send it as a string ("${String(channelId)}").`,
    );
  }
  return { ok: true, jwt: { claims, userId, channelId, role } };
}
