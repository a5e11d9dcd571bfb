/** A JWT split into its parts, read without checking the signature. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  /** The claims as they were encoded: an object normally, a string when encoded twice. */
  payload: unknown;
  signingInput: string;
  signature: string;
}

export type DecodeResult = { ok: true; jwt: DecodedJwt } | { ok: false; reason: string };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parsePart(part: string, name: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!BASE64URL.test(part)) return { ok: false, reason: `the ${name} is not base64url` };
  const text = Buffer.from(part, "base64url").toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: `the ${name} is not JSON` };
  }
}

/** Splits and parses a compact JWT. Never verifies: use it to explain a token, not to trust one. */
export function decodeJwt(token: string): DecodeResult {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return { ok: false, reason: `a JWT has 3 parts separated by dots, this has ${parts.length}` };
  }
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = parsePart(headerPart, "header");
  if (!header.ok) return header;
  if (header.value === null || typeof header.value !== "object" || Array.isArray(header.value)) {
    return { ok: false, reason: "the header is not a JSON object" };
  }
  const payload = parsePart(payloadPart, "payload");
  if (!payload.ok) return payload;
  if (!BASE64URL.test(signature)) return { ok: false, reason: "the signature is not base64url" };
  return {
    ok: true,
    jwt: {
      header: header.value as Record<string, unknown>,
      payload: payload.value,
      signingInput: `${headerPart}.${payloadPart}`,
      signature,
    },
  };
}
