import * as z from "zod/mini";

/** Helix's error body: `{"error":"Unauthorized","status":401,"message":"..."}`. */
export const helixErrorBodySchema = z.object({
  error: z.string(),
  status: z.number(),
  message: z.string(),
});
export type HelixErrorBody = z.infer<typeof helixErrorBodySchema>;

/** Response headers the local rig adds to every refusal: the exact cause and its fix. */
export const DIAGNOSIS_HEADERS = {
  code: "x-rig-diagnosis-code",
  message: "x-rig-diagnosis",
} as const;

/**
 * A diagnosis as a header value: HTTP headers carry ASCII, so arrows and dashes are spelled out, line breaks
 * become spaces and any other non-ASCII character is percent-encoded. {@link decodeDiagnosisHeader} undoes it.
 * A lone UTF-16 surrogate (JSON may carry `"\ud800"`, and a diagnosis may quote it) becomes U+FFFD.
 */
export function encodeDiagnosisHeader(text: string): string {
  return text
    .toWellFormed()
    .replace(/→/g, "->")
    .replace(/[—–]/g, "-")
    .replace(/[\r\n]+/g, " ")
    .replace(/[^\x20-\x7e]/gu, (ch) => encodeURIComponent(ch));
}

/** Reads a diagnosis header written by {@link encodeDiagnosisHeader}; undefined when absent or empty. */
export function decodeDiagnosisHeader(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.length === 0) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Twitch's standard reason phrases for the statuses Helix uses. */
export const HELIX_REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Builds Helix's error body for a status and message. */
export function helixErrorBody(status: number, message: string): HelixErrorBody {
  return { error: HELIX_REASONS[status] ?? "Error", status, message };
}

/**
 * What a refusal of Send Extension Chat Message can mean, per TWITCH.md: real Twitch says little
 * ("authentication failed"), so the EBS lists the causes that status can have, most common first.
 */
export function explainChatRefusal(status: number): string {
  switch (status) {
    case 400:
      return "Twitch refused the request body: a field is missing or not a string, or the text is over 280 characters.";
    case 401:
      return "Twitch refused the authentication: check the secret is the base64-decoded Extension Secret, the JWT's user_id is the owner's id and channel_id equals broadcaster_id, the Client-Id is set, Chat Capabilities are on, and the broadcaster granted chat permission.";
    case 403:
      return "Twitch forbade the call: the extension may not chat in this channel.";
    case 404:
      return "Twitch found no record: this extension version is not installed and activated on the channel, or the broadcaster id is unknown.";
    case 429:
      return "Twitch's limit of 12 chat messages a minute for this channel is reached.";
    default:
      return status >= 500
        ? "Twitch failed to handle the call; it may work if tried again (a Client-Id that does not match the JWT's extension has also been answered with 500)."
        : `Twitch answered ${status}.`;
  }
}
