import { EXP_MILLISECONDS_THRESHOLD } from "../jwt/hs256.ts";
import { expiryInWords } from "./time-words.ts";

/** Claims that hold Twitch ids: always strings. */
export const ID_CLAIMS = ["user_id", "channel_id", "opaque_user_id"] as const;

/** A claim value's JSON type, as a person reads it ("array", "null", "number"...). */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function describeKind(role: unknown): string {
  switch (role) {
    case "viewer":
    case "moderator":
      return `frontend token (role "${role}") from onAuthorized: the panel sends it to the EBS; Helix refuses it`;
    case "broadcaster":
      return 'frontend token (role "broadcaster", the channel owner) from onAuthorized: the panel sends it to the EBS; Helix refuses it';
    case "external":
      return "external JWT signed by an EBS for Helix extension endpoints";
    default:
      return `unknown: the role claim is ${JSON.stringify(role ?? null)}`;
  }
}

/** What one claim means, or what is wrong with it; undefined when there is nothing to say. */
export function claimNote(
  name: string,
  value: unknown,
  context: { ownerUserId: string | undefined; nowSeconds: number; claims: Record<string, unknown> },
): string | undefined {
  if ((ID_CLAIMS as readonly string[]).includes(name) && typeof value === "number") {
    return `a number: Twitch wants the string "${value}"`;
  }
  switch (name) {
    case "exp":
      if (typeof value !== "number") return "must be a number of seconds since the epoch";
      if (value > EXP_MILLISECONDS_THRESHOLD) return "in milliseconds: JWT exp is in seconds";
      return `${new Date(value * 1000).toISOString()}, ${expiryInWords(value, context.nowSeconds)}`;
    case "iat":
    case "nbf":
      return typeof value === "number" ? new Date(value * 1000).toISOString() : undefined;
    case "opaque_user_id":
      if (typeof value !== "string") return undefined;
      return value.startsWith("U")
        ? "logged-in viewer (stable per account)"
        : value.startsWith("A")
          ? "logged-out viewer (anonymous, changes)"
          : 'Twitch\'s start with "U" or "A"';
    case "user_id":
      if (typeof value !== "string") return undefined;
      if (context.claims.role === "external") {
        if (context.ownerUserId === undefined) return "must be the extension owner's id";
        return value === context.ownerUserId
          ? "the extension owner (TWITCH_OWNER_ID)"
          : `not the extension owner "${context.ownerUserId}"`;
      }
      return "the viewer shared their identity: their Twitch user id";
    case "channel_id":
      return typeof value === "string" ? "the channel (broadcaster id)" : undefined;
    case "role":
      return typeof value === "string" ? describeKind(value).split(":")[0] : undefined;
    case "topic":
      return value === "bits_transaction_receipt"
        ? "a Bits transaction receipt"
        : 'a Bits receipt\'s topic is "bits_transaction_receipt"';
    case "data":
      return context.claims.topic === "bits_transaction_receipt"
        ? "the purchase: transactionId, time, userId (the buyer) and product (domainId, sku, cost)"
        : undefined;
    default:
      return undefined;
  }
}
