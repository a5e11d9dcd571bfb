import { useCallback, useEffect, useRef, useState } from "react";
import type { EbsClient } from "../api/ebs-client.ts";
import { EbsError } from "../api/ebs-error.ts";
import type { ViewerActionKind } from "../components/action-labels.ts";
import { usePanelDeps } from "./panel-deps.tsx";

/** Where the viewer's last action of one kind stands, as the panel shows it. */
export type SendState =
  | { status: "idle" }
  | { status: "sending" }
  /** The EBS said the token expired: waiting for Twitch's next `onAuthorized` to retry once. */
  | { status: "refreshing" }
  /** The EBS accepted it into the channel's queue: waiting for it to reach chat. */
  | { status: "queued" }
  | { status: "sent"; text: string }
  | { status: "failed"; error: EbsError };

/** Least time between two status requests, should an EBS answer "queued" without holding the request. */
const MIN_POLL_GAP_MS = 250;
/** Network failures in a row after which the panel stops asking what became of the action. */
const MAX_POLL_FAILURES = 5;

function asEbsError(error: unknown): EbsError {
  if (error instanceof EbsError) return error;
  return new EbsError({ code: "unexpected_response", message: "Sending failed unexpectedly.", cause: error });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a queued action until it is sent or failed, asking with the newest token each time (the EBS
 * long-polls, so this is one request every ~20 s while the channel's queue is busy).
 */
export async function followAction(input: {
  ebs: EbsClient;
  actionId: string;
  token: () => string;
  alive: () => boolean;
}): Promise<{ text: string } | EbsError | undefined> {
  let failures = 0;
  while (input.alive()) {
    const started = Date.now();
    try {
      const status = await input.ebs.actionStatus(input.token(), input.actionId);
      failures = 0;
      if (status.status === "sent") return { text: status.text ?? "" };
      if (status.status === "failed") {
        return new EbsError({
          code: status.error?.code ?? "internal",
          message: status.error?.message ?? "The EBS could not send this action.",
        });
      }
    } catch (error) {
      const failure = asEbsError(error);
      if (failure.code !== "network" || ++failures >= MAX_POLL_FAILURES) return failure;
      await sleep(500 * failures);
    }
    await sleep(Math.max(0, MIN_POLL_GAP_MS - (Date.now() - started)));
  }
  return undefined;
}

/**
 * Sends an action of `kind` with the newest token at the moment of the click. When the EBS answers
 * `token_expired` it waits for the next token from Twitch and retries exactly once. The queued action is
 * followed until it reaches chat or fails. After `cooldown` or `twitch_rate_limited` the hook reports
 * `blocked` and counts `secondsLeft` down until the advised wait is over.
 */
export function useSendAction(kind: ViewerActionKind): {
  state: SendState;
  blocked: boolean;
  secondsLeft: number;
  send: () => Promise<void>;
} {
  const { ebs, twitch, tokenRefreshTimeoutMs } = usePanelDeps();
  const [state, setState] = useState<SendState>({ status: "idle" });
  const [secondsLeft, setSecondsLeft] = useState(0);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = useCallback(async () => {
    const token = twitch?.getSnapshot().auth?.token;
    if (!twitch || !token || inFlight.current) return;
    inFlight.current = true;
    setState({ status: "sending" });
    try {
      let latest = token;
      let result = await ebs.sendAction(token, kind).catch(asEbsError);
      if (result instanceof EbsError && result.code === "token_expired") {
        setState({ status: "refreshing" });
        const fresh = await twitch.nextAuth({ staleToken: token, timeoutMs: tokenRefreshTimeoutMs });
        if (fresh) {
          setState({ status: "sending" });
          latest = fresh.token;
          result = await ebs.sendAction(fresh.token, kind).catch(asEbsError);
        }
      }
      let outcome: { text: string } | EbsError | undefined;
      if (result instanceof EbsError) {
        outcome = result;
      } else {
        setState({ status: "queued" });
        outcome = await followAction({
          ebs,
          actionId: result.actionId,
          token: () => twitch.getSnapshot().auth?.token ?? latest,
          alive: () => mounted.current,
        });
      }
      if (!mounted.current || outcome === undefined) return;
      if (outcome instanceof EbsError) {
        setState({ status: "failed", error: outcome });
        if (outcome.retryAfterSeconds !== undefined) {
          setSecondsLeft(Math.max(1, Math.ceil(outcome.retryAfterSeconds)));
        }
      } else {
        setState({ status: "sent", text: outcome.text });
      }
    } finally {
      inFlight.current = false;
    }
  }, [ebs, twitch, tokenRefreshTimeoutMs, kind]);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  return { state, blocked: secondsLeft > 0, secondsLeft, send };
}
