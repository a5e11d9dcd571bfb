import { TWITCH } from "@ext/shared";
import { diagnosePubSubCall, refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { LogEntry } from "../state/types.ts";
import { readBody } from "./body.ts";
import { sendRefusal } from "./refusal.ts";
import { noteCallDetails } from "./request-details.ts";

/** What the request log shows of a PubSub call: its targets and the message's size, as far as the body says. */
function logDetail(body: unknown): LogEntry["pubsub"] | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const { target, message } = body as { target?: unknown; message?: unknown };
  const targets = Array.isArray(target) ? target.filter((t): t is string => typeof t === "string") : [];
  if (targets.length === 0 && typeof message !== "string") return undefined;
  return {
    targets: targets.slice(0, 10),
    ...(typeof message === "string" ? { bytes: Buffer.byteLength(message, "utf8") } : {}),
  };
}

/**
 * `POST /helix/extensions/pubsub`: Send Extension PubSub Message, judged by `diagnosePubSubCall`, limited per
 * channel by a bucket of 100 that refills one a second (whispers take from their channel's bucket, global
 * broadcasts from their own), and relayed to the frames over SSE.
 */
export function mountPubSub(router: Router, state: RigState): void {
  router.post(TWITCH.pubsubPath, (req, res) => {
    const body = readBody(req);
    const detail = logDetail(body);
    if (detail) noteCallDetails(res, { pubsub: detail });
    const verdict = diagnosePubSubCall({
      call: {
        path: req.path,
        authorization: req.get("authorization"),
        clientIdHeader: req.get("client-id"),
        body,
      },
      extension: state.identity(),
      clock: state.clock,
    });
    if (!verdict.ok) {
      sendRefusal(res, verdict);
      return;
    }
    const channelId = verdict.broadcasterId ?? "all";
    if (verdict.broadcasterId !== undefined && !state.channel(verdict.broadcasterId)) {
      sendRefusal(
        res,
        refuse(
          404,
          "broadcaster_unknown",
          "The record was not found",
          `No channel has the id "${verdict.broadcasterId}": check the broadcaster id.`,
        ),
      );
      return;
    }
    const rate = state.pubsubLimit.take(channelId);
    res.set("Ratelimit-Limit", String(rate.limit));
    res.set("Ratelimit-Remaining", String(rate.remaining));
    res.set("Ratelimit-Reset", String(rate.resetAt));
    if (!rate.allowed) {
      sendRefusal(
        res,
        refuse(
          429,
          "rate_limited",
          "Too Many Requests",
          `${channelId === "all" ? "Global broadcasts have" : `Channel ${channelId} has`} a bucket of ${rate.limit} PubSub messages that refills one a second${channelId === "all" ? "" : " (whispers count against it too)"}, and it is empty: send at most one a second, coalesce updates (the latest state wins), and follow Ratelimit-Remaining.`,
        ),
      );
      return;
    }
    for (const target of verdict.targets) {
      state.publish("pubsub", {
        channelId,
        target,
        contentType: "application/json",
        message: verdict.message,
      });
    }
    res.status(204).end();
  });
}
