import { type ActionResponse, actionRequestSchema, EBS_PATHS } from "@ext/shared";
import { verifyViewerToken } from "@ext/shared/server";
import express, { type Request, Router } from "express";
import type { z } from "zod";
import type { ActionDelivery, AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { bearerToken } from "../http/bearer.ts";
import { resolveActor } from "./actor.ts";

/** Largest request body accepted: `{"action":"hype"}` is 17 bytes. */
export const BODY_LIMIT = "4kb";

function describeBodyIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'The body is invalid: send {"action":"hype"}.';
  if (issue.code === "unrecognized_keys") {
    return `The body has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}: send {"action":"hype"}.`;
  }
  if (issue.path.length === 0) {
    return 'The body must be a JSON object like {"action":"hype"}, sent with Content-Type: application/json.';
  }
  const field = issue.path.join(".");
  return `The body's "${field}" is wrong (${issue.message}): send {"action":"hype"}.`;
}

/** Verifies the viewer's token; the verified claims, or 401 with the verifier's code and message. */
function authenticate(req: Request, deps: AppDeps) {
  const result = verifyViewerToken(bearerToken(req), deps.config.secrets, { clock: deps.clock });
  if (!result.ok) {
    throw new AppError({ code: result.error.code, status: 401, message: result.error.message });
  }
  return result.claims;
}

/**
 * `POST /api/actions`: verify the viewer token (before the body is even read), validate the body, find
 * who acted, and hand the action to the delivery, which puts it in chat.
 */
export function createActionsRouter(deps: AppDeps, delivery: ActionDelivery): Router {
  const router = Router();
  const claimsOf = new WeakMap<Request, ReturnType<typeof authenticate>>();
  router.post(
    EBS_PATHS.action,
    (req, _res, next) => {
      claimsOf.set(req, authenticate(req, deps));
      next();
    },
    express.json({ limit: BODY_LIMIT }),
    async (req, res) => {
      const claims = claimsOf.get(req);
      if (!claims) throw new Error("the request reached the action without verified claims");
      const body = actionRequestSchema.safeParse(req.body);
      if (!body.success) {
        throw new AppError({
          code: "body_invalid",
          status: 400,
          message: describeBodyIssue(body.error.issues[0]),
        });
      }
      const actor = await resolveActor({ claims, users: deps.users, logger: req.log });
      const { text } = await delivery.deliver({ broadcasterId: claims.channel_id, actor });
      const answer: ActionResponse = { status: "sent", text, channelId: claims.channel_id };
      res.json(answer);
    },
  );
  return router;
}
