/** The wording used when the broadcaster has not chosen one. `{viewer}` is replaced by who acted. */
export const DEFAULT_CHAT_TEMPLATE = "{viewer} sent some hype to the stream! 🎉";
/** Placeholders a template may use. */
export const CHAT_PLACEHOLDERS = ["{viewer}"] as const;

/** Someone whose action the message is about; no display name means we may not name them. */
export interface ChatActor {
  displayName?: string | undefined;
}

/** Length as Twitch counts the 280-character limit: Unicode code points. */
export function chatTextLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Removes control characters and collapses white space, so a name cannot break the chat line. */
function cleanName(name: string): string {
  return name
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The names of `actors` that can be shown in chat, cleaned (for `buildChatText` too). */
export function cleanNames(actors: readonly ChatActor[]): string[] {
  return actors.map((a) => cleanName(a.displayName ?? "")).filter((n) => n.length > 0);
}

/** The phrase for `total` people of whom the first `shownCount` of `names` are named. */
export function phrase(names: readonly string[], total: number, shownCount: number): string {
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
