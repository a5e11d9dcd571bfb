import { TWITCH } from "../twitch/constants.ts";

/** The wording used when the broadcaster has not chosen one. `{viewer}` is replaced by who acted. */
export const DEFAULT_CHAT_TEMPLATE = "{viewer} sent some hype to the stream! 🎉";
/** Placeholders a template may use. */
export const CHAT_PLACEHOLDERS = ["{viewer}"] as const;

/** Someone whose action the message is about; no display name means we may not name them. */
export interface ChatActor {
  displayName?: string | undefined;
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Length as Twitch counts the 280-character limit: Unicode code points. */
export function chatTextLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts text to at most `max` code points without breaking a character or an emoji sequence. */
export function truncateChatText(text: string, max: number = TWITCH.chatTextMax): string {
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

/** Removes control characters and collapses white space, so a name cannot break the chat line. */
function cleanName(name: string): string {
  return name
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

function cleanNames(actors: readonly ChatActor[]): string[] {
  return actors.map((a) => cleanName(a.displayName ?? "")).filter((n) => n.length > 0);
}

/** The phrase for `total` people of whom the first `shownCount` of `names` are named. */
function phrase(names: readonly string[], total: number, shownCount: number): string {
  const shown = names.slice(0, Math.max(0, shownCount));
  const others = total - shown.length;
  if (shown.length === 0) return others <= 1 ? "A viewer" : `${others} viewers`;
  if (others === 0) {
    if (shown.length === 1) return shown[0] as string;
    return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
  }
  return `${shown.join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
}

/** "Ana", "Ana and Bo", "Ana, Bo and 3 others", "A viewer", "3 viewers", naming at most `maxNames`. */
export function describeActors(
  actors: readonly ChatActor[],
  maxNames: number = Number.POSITIVE_INFINITY,
): string {
  return phrase(cleanNames(actors), actors.length, maxNames);
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
  const fits = (text: string) => chatTextLength(text) <= TWITCH.chatTextMax;
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
