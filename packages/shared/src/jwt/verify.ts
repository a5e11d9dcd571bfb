import type * as z from "zod/mini";
import type { TokenErrorCode } from "../api/error-codes.ts";
import type { Clock } from "../clock.ts";
import { type SecretRing, verifyingSecrets } from "../secrets/ring.ts";
import { type ExtensionRole, type ViewerClaims, viewerClaimsSchema } from "../twitch/claims.ts";
import { decodeJwt } from "./decode.ts";
import { EXP_MILLISECONDS_THRESHOLD, hs256SignatureMatches } from "./hs256.ts";

/** Longer than any token Twitch issues (about 400 characters); refused before any parsing. */
export const MAX_TOKEN_LENGTH = 4096;

export interface TokenError {
  code: TokenErrorCode;
  /** One sentence for a developer: the cause and what to change. */
  message: string;
}

export type VerifyResult =
  | { ok: true; claims: ViewerClaims /** which secret of the ring verified it */; secretIndex: number }
  | { ok: false; error: TokenError };

export interface VerifyOptions {
  clock: Clock;
  /** Roles allowed for this action; default: viewer, moderator and broadcaster (never external). */
  roles?: readonly ExtensionRole[];
  /** Clock drift tolerated on `exp`, in seconds. */
  leewaySeconds?: number;
}

/** The roles of the tokens Twitch gives frontends: every role but `external`. */
export const FRONTEND_ROLES: readonly ExtensionRole[] = ["viewer", "moderator", "broadcaster"];

function fail(code: TokenErrorCode, message: string): VerifyResult {
  return { ok: false, error: { code, message } };
}

/** How an expected claim type reads in a sentence ("a whole number", not "a int"). */
const EXPECTED_WORDS: Record<string, string> = {
  int: "a whole number",
  array: "an array",
  object: "an object",
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".") || "claims";
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return `the "${field}" claim is missing`;
    const expected = EXPECTED_WORDS[issue.expected] ?? `a ${issue.expected}`;
    return `the "${field}" claim must be ${expected}, got ${JSON.stringify(issue.input).slice(0, 40)}`;
  }
  if (issue.code === "invalid_value") return `the "${field}" claim has a value Twitch never issues`;
  return `the "${field}" claim is invalid (${issue.message})`;
}

/**
 * Verifies the token the Extension Helper gave the frontend. HS256 only, against every secret of the ring
 * that is active now. A refused token gets one code per cause, including the classic mistakes: a token
 * signed with the raw base64 text of the secret, claims JSON-encoded twice, `exp` in milliseconds.
 */
export function verifyViewerToken(token: unknown, ring: SecretRing, options: VerifyOptions): VerifyResult {
  if (typeof token !== "string" || token.length === 0) {
    return fail(
      "token_missing",
      "No token was sent: send the latest onAuthorized auth.token as a Bearer token.",
    );
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return fail(
      "token_too_large",
      `The token is ${token.length} characters long; Twitch's are far below ${MAX_TOKEN_LENGTH}.`,
    );
  }
  const decoded = decodeJwt(token);
  if (!decoded.ok) {
    return fail("token_malformed", `The token is not a JWT: ${decoded.reason}.`);
  }
  const { header, payload, signingInput, signature } = decoded.jwt;
  if (header.alg !== "HS256") {
    return fail(
      "algorithm_not_allowed",
      `The token's algorithm is ${JSON.stringify(header.alg ?? null)}; Twitch's extension tokens are HS256 only.`,
    );
  }
  const secrets = verifyingSecrets(ring, options.clock);
  const match = secrets.find((s) => hs256SignatureMatches(signingInput, signature, s.key));
  if (!match) {
    if (secrets.some((s) => hs256SignatureMatches(signingInput, signature, s.rawKey))) {
      return fail(
        "signed_with_raw_secret",
        "The token was signed with the extension secret's base64 text; Twitch signs with the base64-decoded bytes.",
      );
    }
    return fail(
      "signature_invalid",
      "The signature does not match any active extension secret: the token was signed with another secret (the OAuth client secret, or another extension's).",
    );
  }
  if (typeof payload === "string") {
    return fail(
      "claims_not_object",
      "The claims are a JSON string, not an object: they were JSON-encoded before signing (pass the object itself).",
    );
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return fail("claims_not_object", "The claims are not a JSON object.");
  }
  const exp = (payload as Record<string, unknown>).exp;
  if (typeof exp === "number" && exp > EXP_MILLISECONDS_THRESHOLD) {
    return fail(
      "exp_in_milliseconds",
      "The exp claim is in milliseconds; JWT exp is in seconds since the epoch.",
    );
  }
  // reportInput: without it zod leaves `input` out of its issues, and a wrong type reads as a missing claim.
  const parsed = viewerClaimsSchema.safeParse(payload, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail(
      "claims_invalid",
      first ? `The token's claims are wrong: ${describeIssue(first)}.` : "The claims are wrong.",
    );
  }
  const claims = parsed.data;
  const now = options.clock() / 1000;
  const leeway = options.leewaySeconds ?? 10;
  if (claims.exp + leeway <= now) {
    const ago = Math.round(now - claims.exp);
    return fail("token_expired", `The token expired ${ago} s ago: use the latest token from onAuthorized.`);
  }
  const nbf = (payload as Record<string, unknown>).nbf;
  if (typeof nbf === "number" && nbf - leeway > now) {
    return fail(
      "token_not_yet_valid",
      "The token's nbf is in the future: check the clock of the machine that signed it.",
    );
  }
  const refused = refuseRole(claims, options.roles ?? FRONTEND_ROLES);
  if (refused) return { ok: false, error: refused };
  return { ok: true, claims, secretIndex: match.index };
}

/**
 * `role_not_allowed` when the verified claims' role is not one of `roles`; undefined when it is. For a
 * caller that verified a token once for every frontend role and checks each route's roles after.
 */
export function refuseRole(claims: ViewerClaims, roles: readonly ExtensionRole[]): TokenError | undefined {
  if (roles.includes(claims.role)) return undefined;
  return {
    code: "role_not_allowed",
    message: `The role "${claims.role}" may not do this; allowed: ${roles.join(", ")}.`,
  };
}
