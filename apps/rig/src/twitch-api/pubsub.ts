import { TWITCH } from "@ext/shared";
import { diagnosePubSubCall, refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { readBody } from "./body.ts";
import { sendRefusal } from "./refusal.ts";

/** `POST /helix/extensions/pubsub`: Send Extension PubSub Message, relayed to the frames over SSE. */
export function mountPubSub(router: Router, state: RigState): void {
  router.post(TWITCH.pubsubPath, (req, res) => {
    const verdict = diagnosePubSubCall({
      call: {
        authorization: req.get("authorization"),
        clientIdHeader: req.get("client-id"),
        body: readBody(req),
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
          `Extension PubSub allows ${TWITCH.pubsubMessagesPerMinute} messages a minute per channel: wait until Ratelimit-Reset and batch messages.`,
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
