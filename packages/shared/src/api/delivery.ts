import * as z from "zod/mini";
import { apiErrorCodes } from "./error-codes.ts";
import { EBS_PATHS } from "./schemas.ts";

/** Path of one queued action's status: `GET /api/actions/:id` (long-poll). */
export function actionStatusPath(actionId: string): string {
  return EBS_PATHS.actionStatus.replace(":id", encodeURIComponent(actionId));
}

/** What the EBS answers at once (202) when it accepted a viewer's action into the channel's queue. */
export const actionQueuedSchema = z.object({
  status: z.literal("queued"),
  /** Ask `GET /api/actions/:actionId` for what became of it. */
  actionId: z.string(),
  channelId: z.string(),
});
export type ActionQueued = z.infer<typeof actionQueuedSchema>;

export const actionStates = ["queued", "sent", "failed"] as const;
export type ActionState = (typeof actionStates)[number];

/**
 * Where a queued action stands: still queued, sent (with the chat text that counted it), or failed (with
 * the reason in the EBS's error shape).
 */
const actionStatusOf = <Code extends string>(code: z.ZodMiniType<Code>) =>
  z.object({
    actionId: z.string(),
    status: z.enum(actionStates),
    /** The chat message that counted this action, once sent. */
    text: z.optional(z.string()),
    error: z.optional(z.object({ code, message: z.string() })),
  });
export const actionStatusSchema = actionStatusOf(z.enum(apiErrorCodes));
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/** An action's status as a browser reads it: `error.code` any string (see `apiErrorAnswerSchema`). */
export const actionStatusAnswerSchema = actionStatusOf(z.string());
export type ActionStatusAnswer = z.infer<typeof actionStatusAnswerSchema>;
