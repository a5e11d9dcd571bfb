import { useCallback, useEffect, useRef, useState } from "react";
import { EbsError } from "../api/ebs-error.ts";
import { usePanelDeps } from "./panel-deps.tsx";

export type HypeState =
  | { status: "idle" }
  | { status: "sending" }
  /** The EBS said the token expired: waiting for Twitch's next `onAuthorized` to retry once. */
  | { status: "refreshing" }
  | { status: "sent"; text: string }
  | { status: "failed"; error: EbsError };

function asEbsError(error: unknown): EbsError {
  if (error instanceof EbsError) return error;
  return new EbsError({ code: "unexpected_response", message: "Sending failed unexpectedly.", cause: error });
}

/**
 * Sends the hype with the newest token at the moment of the click. When the EBS answers `token_expired`
 * it waits for the next token from Twitch and retries exactly once. After `cooldown` or
 * `twitch_rate_limited` the hook reports `blocked` until the advised wait is over.
 */
export function useSendHype(): { state: HypeState; blocked: boolean; send: () => Promise<void> } {
  const { ebs, twitch, tokenRefreshTimeoutMs } = usePanelDeps();
  const [state, setState] = useState<HypeState>({ status: "idle" });
  const [blocked, setBlocked] = useState(false);
  const inFlight = useRef(false);

  const send = useCallback(async () => {
    const token = twitch?.getSnapshot().auth?.token;
    if (!twitch || !token || inFlight.current) return;
    inFlight.current = true;
    setState({ status: "sending" });
    try {
      let result = await ebs.sendHype(token).catch(asEbsError);
      if (result instanceof EbsError && result.code === "token_expired") {
        setState({ status: "refreshing" });
        const fresh = await twitch.nextAuth({ staleToken: token, timeoutMs: tokenRefreshTimeoutMs });
        if (fresh) {
          setState({ status: "sending" });
          result = await ebs.sendHype(fresh.token).catch(asEbsError);
        }
      }
      if (result instanceof EbsError) {
        setState({ status: "failed", error: result });
        if (result.retryAfterSeconds !== undefined) setBlocked(true);
      } else {
        setState({ status: "sent", text: result.text });
      }
    } finally {
      inFlight.current = false;
    }
  }, [ebs, twitch, tokenRefreshTimeoutMs]);

  const waitSeconds = state.status === "failed" ? state.error.retryAfterSeconds : undefined;
  useEffect(() => {
    if (!blocked) return;
    const timer = setTimeout(() => setBlocked(false), (waitSeconds ?? 0) * 1000);
    return () => clearTimeout(timer);
  }, [blocked, waitSeconds]);

  return { state, blocked, send };
}
