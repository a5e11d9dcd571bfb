import { helixErrorBody, TWITCH } from "@ext/shared";
import { diagnoseChatCall, refuse } from "@ext/shared/server";
import type { Request, Response, Router } from "express";
import type { RateStatus } from "../state/rate-window.ts";
import type { RigState } from "../state/rig-state.ts";
import type { ChatFaultKind } from "../state/types.ts";
import { readBody } from "./body.ts";
import { loggablePath } from "./loggable-path.ts";
import { sendRefusal } from "./refusal.ts";

function setRateHeaders(res: Response, rate: RateStatus): void {
  res.set("Ratelimit-Limit", String(rate.limit));
  res.set("Ratelimit-Remaining", String(rate.remaining));
  res.set("Ratelimit-Reset", String(rate.resetAt));
}

function channelKey(query: unknown, body: unknown): string {
  if (typeof query === "string") return query;
  const fromBody = (body as { broadcaster_id?: unknown } | undefined)?.broadcaster_id;
  return typeof fromBody === "string" ? fromBody : "";
}

/** A call left unanswered on purpose is closed after this long (clients time out well before). */
const TIMEOUT_FAULT_HOLD_MS = 30_000;

/**
 * Fails the call on purpose (PATCH /rig/api/faults): a Helix 500/503, no answer at all, or a reset
 * connection. Nothing is posted and nothing counts against the channel's limit.
 */
function injectFault(req: Request, res: Response, state: RigState, fault: ChatFaultKind): void {
  if (fault === "500" || fault === "503") {
    const status = Number(fault);
    res.set("x-rig-fault", fault);
    res.locals.fault = fault;
    res.status(status).json(helixErrorBody(status, "Injected by the rig (PATCH /rig/api/faults)."));
    return;
  }
  state.record({ method: req.method, path: loggablePath(req), status: 0, fault });
  if (fault === "reset") {
    req.socket.destroy();
    return;
  }
  const timer = setTimeout(() => req.socket.destroy(), TIMEOUT_FAULT_HOLD_MS);
  timer.unref();
  req.socket.once("close", () => clearTimeout(timer));
}

/** `POST /helix/extensions/chat`: Send Extension Chat Message, judged as Twitch judges it. */
export function mountChat(router: Router, state: RigState): void {
  router.post(TWITCH.chatPath, (req, res) => {
    const fault = state.chatFault();
    if (fault) {
      injectFault(req, res, state, fault);
      return;
    }
    const body = readBody(req);
    const verdict = diagnoseChatCall({
      call: {
        authorization: req.get("authorization"),
        clientIdHeader: req.get("client-id"),
        queryBroadcasterId: req.query.broadcaster_id,
        body,
      },
      extension: state.identity(),
      channel: (id) => state.channel(id),
      clock: state.clock,
    });
    if (!verdict.ok) {
      setRateHeaders(res, state.chatLimit.peek(channelKey(req.query.broadcaster_id, body)));
      sendRefusal(res, verdict);
      return;
    }
    const rate = state.chatLimit.take(verdict.broadcasterId);
    setRateHeaders(res, rate);
    if (!rate.allowed) {
      const wait = Math.max(0, rate.resetAt - Math.floor(state.clock() / 1000));
      sendRefusal(
        res,
        refuse(
          429,
          "rate_limited",
          "Too Many Requests",
          `Channel ${verdict.broadcasterId} already got ${TWITCH.chatMessagesPerMinute} messages from this extension in the last minute: wait ${wait} s (Ratelimit-Reset), and queue or merge messages in the EBS.`,
        ),
      );
      return;
    }
    if (verdict.broadcasterIdFrom === "body") {
      res.set(
        "x-rig-note",
        "broadcaster_id was read from the body (accepted); the reference documents it in the query string.",
      );
    }
    state.postChat(verdict.broadcasterId, verdict.text);
    res.status(204).end();
  });
}
