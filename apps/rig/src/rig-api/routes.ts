import { TWITCH } from "@ext/shared";
import { diagnoseRepeatedHeaders, diagnoseUnreadableBody, verifyViewerToken } from "@ext/shared/server";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { RigState } from "../state/rig-state.ts";
import { MIN_ROTATION_DELAY_SECONDS } from "../state/secret-store.ts";
import { chatFaultKinds, type ViewName, viewEventViews } from "../state/types.ts";
import { refuseDeepJson, unreadableBody } from "../twitch-api/body.ts";
import { mountBitsApi } from "./bits-routes.ts";
import { contextPatchSchema, viewEventSchema, viewsWithoutEvent } from "./context-schema.ts";
import { localCors } from "./cors.ts";
import { streamEvents } from "./events.ts";
import { extensionPatchSchema } from "./extension-schema.ts";
import { sendRigError } from "./rig-error.ts";
import { issueFrontendToken, tokenRequestSchema } from "./tokens.ts";

const channelPatchSchema = z
  .object({
    /** The channel's stream (Get Streams): a new one when it goes live. */
    live: z.boolean().optional(),
    installedVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .nullable()
      .optional(),
    activated: z.boolean().optional(),
    versionState: z.enum(["testing", "hosted_test", "released"]).optional(),
    chatGranted: z.boolean().optional(),
    requiredConfigurationMet: z.boolean().optional(),
    bitsEligible: z.boolean().optional(),
  })
  .strict();
const configurationPutSchema = z.object({
  token: z.string(),
  segment: z.literal("broadcaster"),
  version: z.string(),
  content: z.string(),
});
const pubsubSendSchema = z.object({
  token: z.string(),
  target: z.union([z.string(), z.array(z.string()).min(1)]),
  contentType: z.string().default("application/json"),
  message: z.unknown(),
});
const newChannelSchema = z
  .object({
    id: z.string().regex(/^\d{1,20}$/, "a channel id: a string of digits"),
    login: z.string().regex(/^[a-z0-9_]{1,25}$/, "lowercase letters, digits and _"),
    displayName: z.string().min(1).max(25),
  })
  .strict();
const faultsSchema = z
  .object({
    chatFailureRate: z.number().min(0).max(1),
    kinds: z.array(z.enum(chatFaultKinds)).min(1).optional(),
  })
  .strict();
const rotateSchema = z.object({ delaySeconds: z.number().int().min(MIN_ROTATION_DELAY_SECONDS).optional() });

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/** A repeated Content-Type is refused before the body is read, in the rig API's error shape. */
function refuseRepeatedHeaders(req: Request, res: Response, next: NextFunction) {
  const refusal = diagnoseRepeatedHeaders(req.rawHeaders);
  if (refusal) return sendRigError(res, refusal.status, refusal.code, refusal.diagnosis);
  next();
}

/** A body express.json could not read, answered with the same diagnosis as on Twitch's paths. */
function refuseUnreadableBody(error: unknown, req: Request, res: Response, next: NextFunction) {
  const unreadable = unreadableBody(error, req);
  if (unreadable) {
    const refusal = diagnoseUnreadableBody(unreadable);
    return sendRigError(res, refusal.status, refusal.code, refusal.diagnosis);
  }
  if ((error as { type?: unknown } | null)?.type === "entity.parse.failed") {
    return sendRigError(
      res,
      400,
      "body_invalid",
      "The body is not valid JSON: send a JSON object with Content-Type: application/json (RIG-API.md lists each body).",
    );
  }
  next(error);
}

/** Any other refusal Express itself raised (a path parameter that is not percent-encoding): its 4xx, in the rig API's shape. */
function answerClientError(error: unknown, _req: Request, res: Response, next: NextFunction) {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number" || status < 400 || status >= 500) return next(error);
  sendRigError(
    res,
    status,
    "bad_request",
    `The request is malformed (${String((error as Error).message).slice(0, 100)}): see RIG-API.md.`,
  );
}

/** The rig's own API under `/rig/api` (see RIG-API.md): state, controls, logs, tokens, events. */
export function createRigApiRouter(state: RigState, options: { heartbeatMs?: number } = {}): Router {
  const router = express.Router();
  router.use(localCors);
  router.use(refuseRepeatedHeaders);
  router.use(express.json({ limit: "64kb", verify: refuseDeepJson }), refuseUnreadableBody);

  router.get("/state", (_req, res) => {
    res.json(state.view());
  });

  router.patch("/extension", (req, res) => {
    const parsed = extensionPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    res.json(state.updateExtension(parsed.data));
  });

  router.post("/channels", (req, res) => {
    const parsed = newChannelSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const added = state.addChannel(parsed.data);
    if (!added) return sendRigError(res, 409, "channel_exists", `Channel ${parsed.data.id} already exists.`);
    res.status(201).json(added);
  });

  router.get("/faults", (_req, res) => {
    res.json(state.faults());
  });

  router.patch("/faults", (req, res) => {
    const parsed = faultsSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    state.setFaults({
      chatFailureRate: parsed.data.chatFailureRate,
      kinds: parsed.data.kinds ?? state.faults().kinds,
    });
    res.json(state.faults());
  });

  router.patch("/channels/:id", (req, res) => {
    const parsed = channelPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const { live, ...patch } = parsed.data;
    let updated =
      Object.keys(patch).length > 0
        ? state.updateChannel(req.params.id, patch)
        : state.channel(req.params.id);
    if (updated && live !== undefined) updated = state.setLive(req.params.id, live);
    if (!updated) return sendRigError(res, 404, "not_found", `No channel ${req.params.id} in the rig.`);
    res.json(updated);
  });

  router.get("/channels/:id/context", (req, res) => {
    const context = state.channelContext(req.params.id);
    if (!context) return sendRigError(res, 404, "not_found", `No channel ${req.params.id} in the rig.`);
    res.json(context);
  });

  router.patch("/channels/:id/context", (req, res) => {
    if (!state.channel(req.params.id)) {
      return sendRigError(res, 404, "not_found", `No channel ${req.params.id} in the rig.`);
    }
    const parsed = contextPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    res.json(state.updateChannelContext(req.params.id, parsed.data));
  });

  router.post("/channels/:id/context/events", (req, res) => {
    const channelId = req.params.id;
    if (!state.channel(channelId)) {
      return sendRigError(res, 404, "not_found", `No channel ${channelId} in the rig.`);
    }
    const parsed = viewEventSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const { event } = parsed.data;
    const allowed: readonly ViewName[] = viewEventViews[event];
    const views = parsed.data.views ?? [...allowed];
    const refused = viewsWithoutEvent(event, views);
    if (refused.length > 0) {
      const callback = event === "visibility" ? "onVisibilityChanged" : "onHighlightChanged";
      return sendRigError(
        res,
        400,
        "view_without_event",
        `Twitch calls ${callback} only in ${allowed.join(" and ")} views, not in ${refused.join(", ")}.`,
      );
    }
    const sent =
      parsed.data.event === "visibility"
        ? { channelId, event: "visibility" as const, isVisible: parsed.data.isVisible, views }
        : { channelId, event: "highlight" as const, isHighlighted: parsed.data.isHighlighted, views };
    state.sendViewEvent(sent);
    res.json(sent);
  });

  router.get("/channels/:id/chat", (req, res) => {
    if (!state.channel(req.params.id)) {
      return sendRigError(res, 404, "not_found", `No channel ${req.params.id} in the rig.`);
    }
    res.json({ messages: state.chat(req.params.id) });
  });

  router.get("/channels/:id/configuration", (req, res) => {
    if (!state.channel(req.params.id)) {
      return sendRigError(res, 404, "not_found", `No channel ${req.params.id} in the rig.`);
    }
    res.json(state.configuration(req.params.id));
  });

  router.put("/channels/:id/configuration", (req, res) => {
    const channelId = req.params.id;
    if (!state.channel(channelId))
      return sendRigError(res, 404, "not_found", `No channel ${channelId} in the rig.`);
    const parsed = configurationPutSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const verdict = verifyViewerToken(parsed.data.token, state.secrets.ring(), {
      clock: state.clock,
      roles: ["broadcaster"],
    });
    if (!verdict.ok) return sendRigError(res, 403, verdict.error.code, verdict.error.message);
    if (verdict.claims.channel_id !== channelId) {
      return sendRigError(
        res,
        403,
        "wrong_channel",
        "Only this channel's broadcaster can set its configuration.",
      );
    }
    if (Buffer.byteLength(parsed.data.content, "utf8") > TWITCH.configurationContentMax) {
      return sendRigError(res, 400, "content_too_large", "A configuration segment holds at most 5 KB.");
    }
    state.setConfiguration({
      segment: "broadcaster",
      channelId,
      value: { version: parsed.data.version, content: parsed.data.content },
    });
    res.json(state.configuration(channelId));
  });

  router.get("/log", (_req, res) => {
    res.json({ entries: state.log.entries() });
  });

  router.post("/tokens", (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const answer = issueFrontendToken(state, parsed.data);
    if (typeof answer === "string") return sendRigError(res, 404, "not_found", answer);
    res.json(answer);
  });

  router.post("/pubsub/send", (req, res) => {
    const parsed = pubsubSendSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const verdict = verifyViewerToken(parsed.data.token, state.secrets.ring(), {
      clock: state.clock,
      roles: ["broadcaster"],
    });
    if (!verdict.ok) return sendRigError(res, 403, verdict.error.code, verdict.error.message);
    const targets = typeof parsed.data.target === "string" ? [parsed.data.target] : parsed.data.target;
    const allowed = verdict.claims.pubsub_perms?.send ?? [];
    const denied = targets.find((t) => !allowed.includes(t) && !allowed.includes("*"));
    if (denied !== undefined) {
      return sendRigError(res, 403, "pubsub_perms_missing", `This token may not send to "${denied}".`);
    }
    const { message, contentType } = parsed.data;
    const size = Buffer.byteLength(typeof message === "string" ? message : JSON.stringify(message ?? null));
    if (size > TWITCH.pubsubMessageMax) {
      return sendRigError(
        res,
        400,
        "pubsub_message_too_large",
        `The message is ${size} bytes; at most 5 KB.`,
      );
    }
    for (const target of targets) {
      state.publish("pubsub", { channelId: verdict.claims.channel_id, target, contentType, message });
    }
    res.status(204).end();
  });

  router.post("/secrets/rotate", (req, res) => {
    const parsed = rotateSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const secrets = state.secrets.rotate(parsed.data.delaySeconds ?? MIN_ROTATION_DELAY_SECONDS);
    const now = state.clock();
    res.json({
      secrets: secrets
        .filter((s) => s.expiresAt > now)
        .map((s) => ({
          activeAt: new Date(s.activeAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
        })),
    });
  });

  router.get("/events", streamEvents(state, options.heartbeatMs));
  mountBitsApi(router, state);

  router.use((_req, res) => sendRigError(res, 404, "not_found", "No such rig API path (see RIG-API.md)."));
  router.use(answerClientError);
  return router;
}
