import * as z from "zod/mini";
import { CHAT_PLACEHOLDERS, chatTextLength, DEFAULT_CHAT_TEMPLATE } from "../chat/text.ts";
import { TWITCH_LIMITS } from "../twitch/limits.ts";

/** The Configuration Service segment the broadcaster's settings live in (the only one a frontend may set). */
export const BROADCASTER_SETTINGS_SEGMENT = "broadcaster";
/** The segment `version` written with `configuration.set` (a string, as Twitch stores it). */
export const BROADCASTER_SETTINGS_VERSION = "1";
/** Twitch display names are at most this many characters: the longest name a template must make room for. */
export const DISPLAY_NAME_MAX = 25;

/** What the broadcaster chose, stored as JSON in the `broadcaster` segment. */
export const broadcasterSettingsSchema = z.object({
  version: z.literal(1),
  /** False: the extension posts nothing in this channel's chat. */
  chatEnabled: z.boolean(),
  /** The chat message, with `{viewer}` where the viewer's name goes. */
  template: z.string(),
});
export type BroadcasterSettings = z.infer<typeof broadcasterSettingsSchema>;

/** What a channel gets before its broadcaster saved anything. */
export const DEFAULT_BROADCASTER_SETTINGS: BroadcasterSettings = Object.freeze({
  version: 1,
  chatEnabled: true,
  template: DEFAULT_CHAT_TEMPLATE,
});

/**
 * Why a template cannot be used: a `code` and the facts (for a page that words them in the viewer's language)
 * and `reason`, the same in English.
 */
export type TemplateProblem =
  | { code: "empty" }
  | { code: "unknown_placeholder"; placeholder: string }
  | { code: "too_long"; length: number; max: number };

export type TemplateCheck = { ok: true } | ({ ok: false; reason: string } & TemplateProblem);

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/**
 * Why a chat template cannot be used, or `undefined` when it can: not empty, only known placeholders
 * (`{viewer}`), and at most Twitch's 280 characters even when `{viewer}` is filled in with a 25-character
 * display name. The facts only: `validateChatTemplate` adds the English sentence, a page words them itself,
 * so the viewer's pages (which read the settings) ship no sentence.
 */
export function chatTemplateProblem(template: string): TemplateProblem | undefined {
  if (template.trim().length === 0) return { code: "empty" };
  const known: readonly string[] = CHAT_PLACEHOLDERS;
  for (const [placeholder] of template.matchAll(PLACEHOLDER)) {
    if (!known.includes(placeholder)) return { code: "unknown_placeholder", placeholder };
  }
  const longest = chatTextLength(template.replaceAll("{viewer}", "x".repeat(DISPLAY_NAME_MAX)));
  if (longest > TWITCH_LIMITS.chatTextMax)
    return { code: "too_long", length: longest, max: TWITCH_LIMITS.chatTextMax };
  return undefined;
}

/**
 * Reads the `broadcaster` segment's content. Absent, not JSON, or not the schema: the defaults. A template
 * with a `chatTemplateProblem` is replaced by the default template (the chat switch is kept), so the
 * panel, the config view and the EBS always agree on what gets posted.
 */
export function parseBroadcasterSettings(content: string | undefined): BroadcasterSettings {
  if (content === undefined || content === "") return { ...DEFAULT_BROADCASTER_SETTINGS };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ...DEFAULT_BROADCASTER_SETTINGS };
  }
  const parsed = broadcasterSettingsSchema.safeParse(json);
  if (!parsed.success) return { ...DEFAULT_BROADCASTER_SETTINGS };
  const { chatEnabled, template } = parsed.data;
  return {
    version: 1,
    chatEnabled,
    template: chatTemplateProblem(template) === undefined ? template : DEFAULT_CHAT_TEMPLATE,
  };
}
