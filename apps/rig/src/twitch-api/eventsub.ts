import { type Refusal, TWITCH } from "@ext/shared";
import { diagnoseBitsSubscriptionBody, refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { CreateResult } from "../state/eventsub-state.ts";
import type { RigState } from "../state/rig-state.ts";
import { authorizeAppToken } from "./app-token.ts";
import { queryList, readBody } from "./body.ts";
import { sendRefusal } from "./refusal.ts";
import { noteCallDetails } from "./request-details.ts";

/** Twitch's ceiling on the summed cost of an app's subscriptions. */
const MAX_TOTAL_COST = 10_000;

function listAnswer(state: RigState, data = state.eventsub.list()) {
  return {
    data,
    total: data.length,
    total_cost: data.reduce((sum, s) => sum + s.cost, 0),
    max_total_cost: MAX_TOTAL_COST,
  };
}

function refusalOf(result: Extract<CreateResult, { refused: unknown }>): Refusal {
  return result.refused === "duplicate"
    ? refuse(
        409,
        "eventsub_subscription_exists",
        "subscription already exists",
        "A subscription to extension.bits_transaction.create with this callback already exists: list them with GET /helix/eventsub/subscriptions, or delete the old one first.",
      )
    : refuse(
        429,
        "eventsub_subscription_limit",
        "The request exceeds the number of subscriptions that you may create with the same combination of type and condition values",
        `This extension already has ${result.live} live subscriptions to extension.bits_transaction.create, the most Twitch allows for one type and condition: delete one you no longer use (DELETE /helix/eventsub/subscriptions?id=) before creating another.`,
      );
}

/**
 * `POST/GET/DELETE /helix/eventsub/subscriptions` for `extension.bits_transaction.create` over webhooks, with
 * an app access token. A new subscription waits in `webhook_callback_verification_pending` until the callback
 * answers the challenge (see `eventsub/deliveries.ts`, which also sends notifications and revocations). The
 * callback is judged before anything is stored: the rig posts only to this machine or to the hosts the developer
 * listed (`diagnoseEventSubCallback`), and an http callback on this machine is logged with Twitch's rule.
 */
export function mountEventSub(router: Router, state: RigState): void {
  const path = TWITCH.eventSubSubscriptionsPath;
  router.post(path, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Create EventSub Subscription")) return;
    const verdict = diagnoseBitsSubscriptionBody({
      body: readBody(req),
      extensionClientId: state.extension.clientId,
      rig: state.eventsub.callbackRule,
    });
    if (!verdict.ok) return sendRefusal(res, verdict);
    const result = state.eventsub.create({
      clientId: state.extension.clientId,
      ...verdict.request,
      ...(verdict.warning ? { warning: verdict.warning } : {}),
    });
    if ("refused" in result) return sendRefusal(res, refusalOf(result));
    const created = result.created;
    if (verdict.warning) noteCallDetails(res, { diagnosis: verdict.warning });
    state.publish("eventsub", { action: "created", subscription: created });
    res.status(202).json(listAnswer(state, [created]));
  });

  router.get(path, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Get EventSub Subscriptions")) return;
    const [status] = queryList(req.query.status);
    const [type] = queryList(req.query.type);
    const [id] = queryList(req.query.subscription_id);
    const data = state.eventsub
      .list()
      .filter((s) => (status === undefined || s.status === status) && (type === undefined || s.type === type))
      .filter((s) => id === undefined || s.id === id);
    res.json({ ...listAnswer(state, data), pagination: {} });
  });

  router.delete(path, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Delete EventSub Subscription")) return;
    const [id] = queryList(req.query.id);
    if (id === undefined || id === "") {
      return sendRefusal(
        res,
        refuse(
          400,
          "eventsub_subscription_not_found",
          'Missing required parameter "id"',
          "Send id=<the subscription's id> in the query.",
        ),
      );
    }
    if (!state.eventsub.remove(id)) {
      return sendRefusal(
        res,
        refuse(
          404,
          "eventsub_subscription_not_found",
          "subscription not found",
          `No subscription has the id ${JSON.stringify(id.slice(0, 60))}: list them with GET /helix/eventsub/subscriptions.`,
        ),
      );
    }
    res.status(204).end();
  });
}
