import {
  type ActionQueued,
  actionKinds,
  actionRequestSchema,
  chatTemplateFor,
  EBS_PATHS,
  type ViewerClaims,
} from "@ext/shared";
import { opaqueIdFor } from "@ext/shared/server";
import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod/mini";
import { AppError, safeCause } from "../app-error.ts";
import { toActionStatus } from "../delivery/action-store.ts";
import type { Cooldowns } from "../delivery/cooldowns.ts";
import type { DeliveryQueue } from "../delivery/delivery-queue.ts";
import type { AppDeps } from "../deps.ts";
import type { Authenticator } from "../http/authenticate.ts";
import { jsonBody } from "../http/json-body.ts";
import type { Routes } from "../http/routes.ts";
import { sendJson } from "../http/send-json.ts";

/** Largest request body accepted: `{"action":"hype"}` is 17 bytes. */
export const BODY_LIMIT = "4kb";
/** How long `GET /api/actions/:id` waits for a queued action to be sent or fail. */
export const LONG_POLL_MS = 20_000;

const EXAMPLE = `send {"action":"<kind>"} with a kind of ${actionKinds.map((k) => `"${k}"`).join(", ")}`;

function describeBodyIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return `The body is invalid: ${EXAMPLE}.`;
  if (issue.code === "unrecognized_keys") {
    return `The body has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}: ${EXAMPLE}.`;
  }
  if (issue.path.length === 0 && issue.code !== "invalid_union") {
    return `The body must be a JSON object, sent with Content-Type: application/json: ${EXAMPLE}.`;
  }
  if (issue.code === "invalid_union") {
    return `The body's "action" is not a kind of action this EBS knows: ${EXAMPLE}.`;
  }
  const field = issue.path.join(".");
  return `The body's "${field}" is wrong (${issue.message}): ${EXAMPLE}.`;
}
/**
 * Awaits the queue or the cooldowns. In Redis mode they can fail when Redis does not answer: that is the
 * service being unavailable for a moment (503, try again), not a bug (500).
 */
export async function fromStore<T>(work: T | Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({
      code: "internal",
      status: 503,
      message: "The EBS's store did not answer: try again in a few seconds.",
      retryAfterSeconds: 5,
      cause: safeCause(error),
    });
  }
}

/**
 * `POST /api/actions`: verify the viewer token (before the body is even read), validate the body, apply
 * the viewer's cooldown, queue the action and answer 202 at once. `GET /api/actions/:id`: the action's
 * status for the viewer who sent it, waiting (long-poll, `?wait=<seconds>` to shorten) while it is still queued.
 * Answers the POST handler, which the app also serves in its fast lane (`http/fast-lane.ts`): it uses
 * Node's response API only.
 */
export function addActionRoutes(
  router: Routes,
  deps: AppDeps,
  parts: { auth: Authenticator; queue: DeliveryQueue; cooldowns: Cooldowns },
): { postAction: RequestHandler } {
  const { auth, queue, cooldowns } = parts;
  const longPollMs = deps.longPollMs ?? LONG_POLL_MS;

  /** After the token and the body: the broadcaster's settings, the cooldown, then the queue; 202 at once. */
  async function queueAction(req: Request, res: Response, claims: ViewerClaims) {
    const body = actionRequestSchema.safeParse(req.body);
    if (!body.success) {
      throw new AppError({
        code: "body_invalid",
        status: 400,
        message: describeBodyIssue(body.error.issues[0]),
      });
    }
    if (!queue.accepting) {
      throw new AppError({
        code: "shutting_down",
        status: 503,
        message: "The EBS is shutting down; try again in a moment.",
        retryAfterSeconds: 5,
      });
    }
    const settings = await deps.settings?.get(claims.channel_id);
    if (settings && !settings.chatEnabled) {
      throw new AppError({
        code: "chat_disabled",
        status: 403,
        message:
          "The broadcaster turned chat messages off for this channel (in the extension's configuration).",
      });
    }
    const cooldown = await fromStore(cooldowns.take(`${claims.channel_id}:${claims.opaque_user_id}`));
    if (!cooldown.ok) {
      throw new AppError({
        code: "cooldown",
        status: 429,
        message: `You just sent one: wait ${cooldown.retryAfterSeconds} s before the next.`,
        retryAfterSeconds: cooldown.retryAfterSeconds,
      });
    }
    const kind = body.data.action;
    const actionId = await fromStore(
      queue.enqueue({
        kind,
        channelId: claims.channel_id,
        opaqueUserId: claims.opaque_user_id,
        userId: claims.user_id,
        template: settings ? chatTemplateFor(kind, settings) : undefined,
      }),
    );
    const answer: ActionQueued = { status: "queued", actionId, channelId: claims.channel_id };
    sendJson(res, 202, answer);
  }

  const postAction = auth.route({ body: jsonBody(BODY_LIMIT) }, queueAction);
  router.post(EBS_PATHS.action, postAction);
  router.get(
    EBS_PATHS.actionStatus,
    auth.route({}, async (req, res, claims) => {
      const record = await fromStore(queue.status(String(req.params.id), claims.channel_id));
      // The viewer's own action, or a Bits purchase announced for the user id their token carries (its
      // owner then is a stand-in derived from that user id: EventSub or reconciliation reported it first).
      const owner =
        record?.opaqueUserId === claims.opaque_user_id ||
        (claims.user_id !== undefined && record?.opaqueUserId === opaqueIdFor(claims.user_id));
      if (!record || !owner || record.channelId !== claims.channel_id) {
        throw new AppError({
          code: "not_found",
          status: 404,
          message: "No action with this id for this viewer: it is unknown, another viewer's, or too old.",
        });
      }
      const wait = Number(req.query.wait);
      const timeoutMs = Number.isFinite(wait) && wait >= 0 ? Math.min(wait * 1000, longPollMs) : longPollMs;
      const current =
        (await fromStore(queue.waitForChange(record.id, record.channelId, timeoutMs))) ?? record;
      res.setHeader("Cache-Control", "no-store");
      res.json(toActionStatus(current));
    }),
  );
  return { postAction };
}
