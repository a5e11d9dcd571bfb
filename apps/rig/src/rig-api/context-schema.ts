import { z } from "zod";
import { viewEventViews, viewNames } from "../state/types.ts";

/** A language or locale tag as Twitch writes them: `en`, `pt-br`, `de-DE`. */
const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as en, de, pt-br or ja-JP");

const percent = z.number().min(0).max(100);

/** `PATCH /rig/api/channels/:id/context`: any part of what the channel's viewer frames are told. */
export const contextPatchSchema = z
  .object({
    context: z
      .object({
        theme: z.enum(["light", "dark"]).optional(),
        language: languageTag.optional(),
        game: z.string().max(100).optional(),
        playbackMode: z.enum(["video", "audio", "remote", "chat-only"]).optional(),
        isFullScreen: z.boolean().optional(),
        isTheatreMode: z.boolean().optional(),
        arePlayerControlsVisible: z.boolean().optional(),
        isPaused: z.boolean().optional(),
        isMuted: z.boolean().optional(),
        volume: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    query: z.object({ language: languageTag.optional(), locale: languageTag.optional() }).strict().optional(),
    componentPosition: z.object({ x: percent, y: percent }).strict().nullable().optional(),
  })
  .strict();

const views = z.array(z.enum(viewNames)).min(1).optional();

/** `POST /rig/api/channels/:id/context/events`: a visibility or highlight change for some views. */
export const viewEventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("visibility"), isVisible: z.boolean(), views }).strict(),
  z.object({ event: z.literal("highlight"), isHighlighted: z.boolean(), views }).strict(),
]);

/** The views of `wanted` Twitch does not call this event for (TWITCH.md, the helper reference). */
export function viewsWithoutEvent(event: keyof typeof viewEventViews, wanted: readonly string[]): string[] {
  const allowed: readonly string[] = viewEventViews[event];
  return wanted.filter((view) => !allowed.includes(view));
}
