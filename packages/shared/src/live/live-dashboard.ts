import * as z from "zod/mini";
import { liveStateSchema } from "./live-state.ts";

// Apart from `live-state.ts`, which every viewer's panel loads: only the live config view reads the dashboard.

/** Whether chat works in this channel, as far as the EBS has seen. */
export const chatHealthStates = ["working", "refused", "untried"] as const;
export type ChatHealthState = (typeof chatHealthStates)[number];

/** The last time Twitch refused a call of this extension in this channel, in words. */
export const liveRefusalSchema = z.object({
  at: z.string(),
  /** What the EBS was doing: `chat` or `pubsub`. */
  call: z.enum(["chat", "pubsub"]),
  status: z.number(),
  /** The EBS's error code (`chat_not_granted`, `rate_limited`...). */
  code: z.string(),
  /** One sentence a streamer can act on (the rig's diagnosis when the rig answered). */
  words: z.string(),
});
export type LiveRefusal = z.infer<typeof liveRefusalSchema>;

/** What the broadcaster's live config view (`mode=dashboard`) shows: `GET /api/live/dashboard`. */
export const liveDashboardSchema = z.object({
  state: liveStateSchema,
  chat: z.object({
    state: z.enum(chatHealthStates),
    /** When the last message reached chat (ISO 8601), or null. */
    lastSentAt: z.nullable(z.string()),
  }),
  lastRefusal: z.nullable(liveRefusalSchema),
});
export type LiveDashboard = z.infer<typeof liveDashboardSchema>;
