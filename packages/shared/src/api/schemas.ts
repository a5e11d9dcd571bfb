import * as z from "zod/mini";
import { apiErrorCodes } from "./error-codes.ts";

/** Paths of the EBS's HTTP API. */
export const EBS_PATHS = {
  action: "/api/actions",
  health: "/health",
} as const;

/** What the panel sends when a viewer clicks. */
export const actionRequestSchema = z.strictObject({
  action: z.literal("hype"),
});
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** What the EBS answers when the action reached chat. */
export const actionResponseSchema = z.object({
  status: z.literal("sent"),
  /** The chat message as it was sent. */
  text: z.string(),
  channelId: z.string(),
});
export type ActionResponse = z.infer<typeof actionResponseSchema>;

/** Every error the EBS answers with: a stable code and a sentence a person can act on. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    message: z.string(),
    /** Seconds to wait before trying again, when waiting helps. */
    retryAfterSeconds: z.optional(z.number()),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const healthResponseSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
