import { DEFAULT_CHAT_TEMPLATE } from "./text.ts";

/**
 * How many actions one chat message written by `buildChatText` counts, the inverse of it: "Ana" 1,
 * "Ana and Bo" 2, "Ana, Bo and 37 others" 39, "A viewer" 1, "12 viewers" 12. Undefined when the text is not
 * such a message for this template (one `{viewer}`). Used to check that every action reached chat.
 */
export function countActorsInChatText(
  text: string,
  template: string = DEFAULT_CHAT_TEMPLATE,
): number | undefined {
  const at = template.indexOf("{viewer}");
  if (at < 0) return undefined;
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + "{viewer}".length);
  if (text.length < prefix.length + suffix.length) return undefined;
  if (!text.endsWith(suffix) || text.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase())
    return undefined;
  const who = text.slice(prefix.length, text.length - suffix.length);
  if (who === "A viewer") return 1;
  const viewers = /^(\d+) viewers$/.exec(who);
  if (viewers) return Number(viewers[1]);
  const cut = who.lastIndexOf(" and ");
  if (cut < 0) return 1;
  const named = who.slice(0, cut).split(", ").length;
  const others = /^(\d+) others?$/.exec(who.slice(cut + " and ".length));
  return named + (others ? Number(others[1]) : 1);
}
