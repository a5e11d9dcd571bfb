import * as z from "zod/mini";
import type { LiveDashboard } from "../live/live-dashboard.ts";
import type { LiveState } from "../live/live-state.ts";
import type { BitsTransactionAccepted, BitsTransactionRequest } from "./bits.ts";
import { apiErrorCodes } from "./error-codes.ts";

/** Every path of the EBS's HTTP API, in one place. */
export const EBS_PATHS = {
  /** `POST`: a viewer's action (body {@link ActionRequest}), answered 202 {@link ActionQueued}. */
  action: "/api/actions",
  /** `GET`: one queued action's status (long-poll); build it with `actionStatusPath(id)`. */
  actionStatus: "/api/actions/:id",
  /** `POST`: the config view saved the broadcaster's settings (broadcaster's token). */
  settingsChanged: "/api/settings/changed",
  /** `GET`: the channel's shared hype ({@link LiveState}) for any viewer's token; PubSub brings the changes. */
  live: "/api/live",
  /** `GET`: what the broadcaster's live config view shows ({@link LiveDashboard}); broadcaster's token. */
  liveDashboard: "/api/live/dashboard",
  /** `POST`: a Bits purchase's receipt (body {@link BitsTransactionRequest}), answered 202 {@link BitsTransactionAccepted}. */
  bitsTransaction: "/api/bits/transactions",
  health: "/health",
} as const;

/**
 * What the panel sends when a viewer acts: one case per kind of action (`ACTION_KINDS` holds how each is
 * announced). Unknown fields are refused, so a typo is an error and not a silent default.
 */
export const actionRequestSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("hype") }),
]);
export type ActionRequest = z.infer<typeof actionRequestSchema>;

const apiErrorOf = <Code extends string>(code: z.ZodMiniType<Code>) =>
  z.object({
    error: z.object({
      code,
      message: z.string(),
      /** Seconds to wait before trying again, when waiting helps. */
      retryAfterSeconds: z.optional(z.number()),
    }),
  });

/** Every error the EBS answers with: a stable code and a sentence a person can act on. */
export const apiErrorSchema = apiErrorOf(z.enum(apiErrorCodes));
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * The EBS's error as a browser reads it: the same shape with `code` any string, so a page does not ship
 * the list of every code (about 60, most of them only the EBS's and the rig's concern) and a page built
 * before the EBS learnt a code still reads the answer (it words a code it does not know as "unknown").
 */
export const apiErrorAnswerSchema = apiErrorOf(z.string());

export const healthResponseSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
