import { createHmac, type KeyObject } from "node:crypto";

/** Signs any header and payload text with HMAC, byte for byte as given, to forge the tokens people get wrong. */
export function forgeJwt(input: {
  header: unknown;
  /** The exact JSON text of the payload (a stringified string gives the "encoded twice" mistake). */
  payloadText: string;
  key: KeyObject | Buffer | string;
  hash?: "sha256" | "sha384" | "sha512";
}): string {
  const head = Buffer.from(JSON.stringify(input.header)).toString("base64url");
  const body = Buffer.from(input.payloadText).toString("base64url");
  const signature = createHmac(input.hash ?? "sha256", input.key)
    .update(`${head}.${body}`)
    .digest("base64url");
  return `${head}.${body}.${signature}`;
}
