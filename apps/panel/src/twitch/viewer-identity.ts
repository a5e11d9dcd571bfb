/** What the panel may show about the viewer, read from the token without verifying it (UI only). */
export interface ViewerIdentity {
  /** True when the token carries `user_id`, i.e. the viewer shared their identity with the extension. */
  sharedIdentity: boolean;
  role: string | undefined;
}

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads the payload of a viewer token. The signature is NOT checked: never use this to trust anything,
 * only to decide what to show. Returns `undefined` for anything that is not a readable JWT.
 */
export function readViewerIdentity(token: string): ViewerIdentity | undefined {
  const payloadPart = token.split(".")[1];
  if (!payloadPart) return undefined;
  try {
    const payload: unknown = JSON.parse(decodeBase64Url(payloadPart));
    if (payload === null || typeof payload !== "object") return undefined;
    const claims = payload as Record<string, unknown>;
    return {
      sharedIdentity: typeof claims.user_id === "string" && claims.user_id.length > 0,
      role: typeof claims.role === "string" ? claims.role : undefined,
    };
  } catch {
    return undefined;
  }
}
