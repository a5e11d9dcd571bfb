import { TWITCH_LIMITS } from "../twitch/limits.ts";
import { type ChatActor, chatTextLength, cleanNames, DEFAULT_CHAT_TEMPLATE, phrase } from "./text.ts";

// Apart from `text.ts` so the viewer's pages, which only describe who acted, do not load the chat line's
// builder: only the config view's preview (and the EBS) write chat lines.

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Cuts text to at most `max` code points without breaking a character or an emoji sequence. */
export function truncateChatText(text: string, max: number = TWITCH_LIMITS.chatTextMax): string {
  if (chatTextLength(text) <= max) return text;
  const ellipsis = "…";
  let out = "";
  let length = 0;
  for (const { segment } of segmenter.segment(text)) {
    const segLength = chatTextLength(segment);
    if (length + segLength + 1 > max) break;
    out += segment;
    length += segLength;
  }
  return out.trimEnd() + ellipsis;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The chat message about who acted: the template with `{viewer}` filled in, naming as many people as fit
 * in Twitch's 280 characters, and never cut in the middle of a character.
 */
export function buildChatText(input: { actors: readonly ChatActor[]; template?: string }): string {
  const template = input.template ?? DEFAULT_CHAT_TEMPLATE;
  const render = (who: string) => {
    const filled = template.replaceAll("{viewer}", who);
    return template.startsWith("{viewer}") ? capitalizeFirst(filled) : filled;
  };
  const names = cleanNames(input.actors);
  const total = input.actors.length;
  const textNaming = (count: number) => render(phrase(names, total, count));
  const fits = (text: string) => chatTextLength(text) <= TWITCH_LIMITS.chatTextMax;
  const everyone = textNaming(names.length);
  if (fits(everyone)) return everyone;
  // With someone left unnamed ("and N others"), each further name lengthens the text: search the most that fit.
  let low = 0;
  let high = names.length - 1;
  let best: string | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const text = textNaming(middle);
    if (fits(text)) {
      best = text;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (best !== undefined) return best;
  return truncateChatText(textNaming(0));
}
