import { createSecretKey, type KeyObject } from "node:crypto";
import { BITS_CATALOGUE } from "../bits/catalogue.ts";
import { verifyBitsReceipt } from "../bits/receipt.ts";
import { BITS_RECEIPT_TOPIC } from "../bits/receipt-claims.ts";
import type { Clock } from "../clock.ts";
import { decodeJwt } from "../jwt/decode.ts";
import { EXP_MILLISECONDS_THRESHOLD, hs256SignatureMatches } from "../jwt/hs256.ts";
import { verifyViewerToken } from "../jwt/verify.ts";
import { decodeExtensionSecret } from "../secrets/decode.ts";
import { createSecretRing } from "../secrets/ring.ts";
import { claimNote, describeKind, ID_CLAIMS, typeOf } from "./claim-notes.ts";
import { diagnoseExternalJwt } from "./external-jwt.ts";
import { expiryInWords } from "./time-words.ts";

/** One claim as it was encoded, with its JSON type and what it means. */
export interface ClaimLine {
  name: string;
  type: string;
  value: unknown;
  note?: string;
}

/** How the token's signature compares with one configured secret. */
export interface SecretMatch {
  /** 1-based position in the configured list ("secret #1"). */
  position: number;
  /** "decoded": signed as Twitch signs; "raw": signed with the base64 text; "undecodable": the secret is bad. */
  matches: "decoded" | "raw" | "none" | "undecodable";
}

/** A mistake the token shows, with a stable code and one sentence: the cause and the fix. */
export interface JwtFinding {
  code: string;
  message: string;
}

export interface JwtExplanation {
  header: Record<string, unknown>;
  /** "object" normally; "string" when the claims were JSON-encoded twice. */
  claimsEncoding: "object" | "string" | "other";
  claims: ClaimLine[];
  role: string | undefined;
  /** What kind of token this is, in words ("viewer token from onAuthorized", "external JWT signed by an EBS"). */
  kind: string;
  expiry: { exp: number; words: string; expired: boolean } | undefined;
  secrets: SecretMatch[];
  signedWithClientSecret: boolean;
  findings: JwtFinding[];
  /** What the check Twitch (or the EBS, for frontend tokens) applies says: accepted, or the refusal code. */
  verdict: { ok: true; message: string } | { ok: false; code: string; message: string };
}

export type ExplainJwtResult = { ok: true; explanation: JwtExplanation } | { ok: false; reason: string };

/**
 * Explains any extension JWT for a person: header, claims with their JSON types, expiry in words, which
 * configured secret signed it (decoded as Twitch signs, or its raw base64 text by mistake), the classic
 * mistakes it shows, and the verdict of the same checks the EBS (`verifyViewerToken`) and Twitch
 * (`diagnoseExternalJwt`) apply. Never returns a secret.
 */
export function explainExtensionJwt(input: {
  token: string;
  /** The configured extension secrets, base64 as in the console (several during rotation). */
  secrets: readonly string[];
  clientId?: string;
  ownerUserId?: string;
  /** The OAuth client secret, to recognise it when used as the signing key. */
  clientSecret?: string;
  clock: Clock;
}): ExplainJwtResult {
  const token = input.token.trim().replace(/^Bearer\s+/i, "");
  const decoded = decodeJwt(token);
  if (!decoded.ok) return { ok: false, reason: `not a JWT: ${decoded.reason}` };
  const { header, payload, signingInput, signature } = decoded.jwt;
  const nowSeconds = input.clock() / 1000;
  const findings: JwtFinding[] = [];

  let claimsObject: Record<string, unknown> | undefined;
  let claimsEncoding: JwtExplanation["claimsEncoding"] = "other";
  if (payload !== null && typeof payload === "object" && !Array.isArray(payload)) {
    claimsObject = payload as Record<string, unknown>;
    claimsEncoding = "object";
  } else if (typeof payload === "string") {
    claimsEncoding = "string";
    findings.push({
      code: "claims_encoded_twice",
      message:
        "The claims are a JSON string, not an object: they were JSON.stringify-ed before signing. Pass the claims object to the signer.",
    });
    try {
      const inner: unknown = JSON.parse(payload);
      if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
        claimsObject = inner as Record<string, unknown>;
      }
    } catch {
      claimsObject = undefined;
    }
  } else {
    findings.push({ code: "claims_not_object", message: "The claims are not a JSON object." });
  }

  if (header.alg !== "HS256") {
    findings.push({
      code: "algorithm_not_allowed",
      message: `The header's alg is ${JSON.stringify(header.alg ?? null)}: Twitch's extension JWTs are HS256 only.`,
    });
  }

  const claims = claimsObject ?? {};
  const role = typeof claims.role === "string" ? claims.role : undefined;
  const context = { ownerUserId: input.ownerUserId, nowSeconds, claims };
  const claimLines: ClaimLine[] = Object.entries(claims).map(([name, value]) => {
    const note = claimNote(name, value, context);
    return note === undefined
      ? { name, type: typeOf(value), value }
      : { name, type: typeOf(value), value, note };
  });

  for (const name of ID_CLAIMS) {
    if (typeof claims[name] === "number") {
      findings.push({
        code: `${name}_not_string`,
        message: `The ${name} claim is a number: send it as a string ("${String(claims[name])}").`,
      });
    }
  }

  let expiry: JwtExplanation["expiry"];
  const exp = claims.exp;
  if (typeof exp === "number" && exp > EXP_MILLISECONDS_THRESHOLD) {
    findings.push({
      code: "exp_in_milliseconds",
      message:
        "The exp claim is in milliseconds: JWT exp is in seconds (Math.floor(Date.now() / 1000) + 60).",
    });
  } else if (typeof exp === "number") {
    const words = expiryInWords(exp, nowSeconds);
    expiry = { exp, words, expired: exp <= nowSeconds };
    if (expiry.expired) {
      findings.push({
        code: "token_expired",
        message: `The token ${words}: ${role === "external" ? "sign a fresh one for every call and check the server's clock" : "use the latest token from onAuthorized"}.`,
      });
    }
  } else if (claimsObject) {
    findings.push({
      code: "exp_missing",
      message: "The token has no numeric exp claim (seconds since the epoch).",
    });
  }

  if (role === "external") {
    const userId = claims.user_id;
    if (typeof userId === "string" && input.ownerUserId !== undefined && userId !== input.ownerUserId) {
      const isChannel = userId === claims.channel_id;
      findings.push({
        code: "user_id_not_owner",
        message: `The user_id claim is "${userId}"${isChannel ? " (the channel's id)" : ""} but the extension owner is "${input.ownerUserId}": with role external, user_id is the owner's id (TWITCH_OWNER_ID), not the channel's or a viewer's.`,
      });
    }
    if (claims.channel_id === undefined) {
      findings.push({
        code: "channel_id_missing",
        message:
          "No channel_id claim: fine for the secrets and configuration endpoints, but Send Extension Chat Message wants channel_id equal to broadcaster_id.",
      });
    }
  } else if (role === "viewer" || role === "moderator" || role === "broadcaster") {
    findings.push({
      code: "viewer_token",
      message:
        "This is a frontend token: the EBS verifies it, but Helix refuses it (the EBS must sign its own external JWT for Helix).",
    });
  }

  const secrets: SecretMatch[] = input.secrets.map((content, index) => {
    const position = index + 1;
    let key: KeyObject;
    try {
      key = createSecretKey(decodeExtensionSecret(content));
    } catch {
      const raw = createSecretKey(Buffer.from(content.trim(), "utf8"));
      return {
        position,
        matches: hs256SignatureMatches(signingInput, signature, raw) ? "raw" : "undecodable",
      };
    }
    if (hs256SignatureMatches(signingInput, signature, key)) return { position, matches: "decoded" };
    const raw = createSecretKey(Buffer.from(content.trim(), "utf8"));
    return { position, matches: hs256SignatureMatches(signingInput, signature, raw) ? "raw" : "none" };
  });
  const signedWithClientSecret =
    input.clientSecret !== undefined &&
    input.clientSecret.length > 0 &&
    hs256SignatureMatches(signingInput, signature, createSecretKey(Buffer.from(input.clientSecret, "utf8")));
  for (const s of secrets.filter((m) => m.matches === "raw")) {
    findings.push({
      code: "signed_with_raw_secret",
      message: `Signed with the raw base64 text of secret #${s.position}: base64-decode the secret and sign with the resulting bytes.`,
    });
  }
  if (signedWithClientSecret) {
    findings.push({
      code: "signed_with_client_secret",
      message:
        "Signed with the OAuth Client Secret: sign with the Extension Secret (Extension console → Settings → Secret Keys), base64-decoded.",
    });
  }
  if (
    secrets.length > 0 &&
    secrets.every((s) => s.matches === "none" || s.matches === "undecodable") &&
    !signedWithClientSecret
  ) {
    findings.push({
      code: "signature_invalid",
      message:
        "The signature matches no configured secret, decoded or raw: it was signed with another extension's secret, a rotated one, or the token was changed.",
    });
  }

  return {
    ok: true,
    explanation: {
      header,
      claimsEncoding,
      claims: claimLines,
      role,
      kind:
        claims.topic === BITS_RECEIPT_TOPIC
          ? "Bits transaction receipt from onTransactionComplete: the panel sends it to the EBS, which verifies it"
          : describeKind(claims.role),
      expiry,
      secrets,
      signedWithClientSecret,
      findings,
      verdict: verdictFor(
        { ...input, token, claimedUserId: typeof claims.user_id === "string" ? claims.user_id : undefined },
        claims.topic === BITS_RECEIPT_TOPIC ? "receipt" : role,
      ),
    },
  };
}

function verdictFor(
  input: {
    token: string;
    secrets: readonly string[];
    clientId?: string;
    ownerUserId?: string;
    clientSecret?: string;
    clock: Clock;
    /** The token's own user_id, judged against when the owner id is not configured. */
    claimedUserId: string | undefined;
  },
  role: string | undefined,
): JwtExplanation["verdict"] {
  const usable = input.secrets.filter((content) => {
    try {
      decodeExtensionSecret(content);
      return true;
    } catch {
      return false;
    }
  });
  if (usable.length === 0) {
    return {
      ok: false,
      code: "no_secret",
      message: "No configured extension secret decodes, so the signature cannot be checked.",
    };
  }
  const ring = createSecretRing(usable);
  if (role === "receipt") return receiptVerdict(input.token, ring, input);
  if (role === "external") {
    const clientId = input.clientId ?? "unknown";
    const verdict = diagnoseExternalJwt({
      authorization: `Bearer ${input.token}`,
      clientIdHeader: clientId,
      extension: {
        clientId,
        ownerUserId: input.ownerUserId ?? input.claimedUserId ?? "",
        secrets: ring,
        ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
      },
      clock: input.clock,
    });
    return verdict.ok
      ? {
          ok: true,
          message:
            "Twitch would accept this external JWT (a chat call also needs channel_id = broadcaster_id).",
        }
      : { ok: false, code: verdict.code, message: verdict.diagnosis };
  }
  const verdict = verifyViewerToken(input.token, ring, { clock: input.clock });
  return verdict.ok
    ? {
        ok: true,
        message: `The EBS would accept this frontend token (verified with secret #${verdict.secretIndex + 1}).`,
      }
    : { ok: false, code: verdict.error.code, message: verdict.error.message };
}

/**
 * A receipt judged as the EBS judges it, against the repository's catalogue. The buyer is taken as the
 * viewer (doctor has no viewer token to compare with), and the verdict says so, and what the EBS does for a
 * viewer without a `user_id` (it asks Twitch for the transaction and its channel).
 */
function receiptVerdict(
  token: string,
  ring: ReturnType<typeof createSecretRing>,
  input: { clientId?: string; clock: Clock },
): JwtExplanation["verdict"] {
  const decoded = decodeJwt(token);
  const data = decoded.ok ? (decoded.jwt.payload as { data?: { userId?: unknown } } | null)?.data : undefined;
  const buyer = typeof data?.userId === "string" ? data.userId : undefined;
  const verdict = verifyBitsReceipt(token, {
    ring,
    clock: input.clock,
    clientId: input.clientId ?? "unknown",
    catalogue: BITS_CATALOGUE,
    viewerUserId: buyer,
  });
  return verdict.ok
    ? {
        ok: true,
        message: `The EBS would accept this receipt for "${verdict.purchase.product.sku}" (${verdict.purchase.product.cost} Bits, transaction ${verdict.purchase.transactionId}) when the viewer token that sends it is user ${verdict.purchase.userId}'s; from a viewer who has not shared identity, once Get Extension Transactions confirms the transaction in that token's channel.`,
      }
    : { ok: false, code: verdict.error.code, message: verdict.error.message };
}
