import { DEFAULT_CHAT_TEMPLATE } from "@ext/shared";

// The same parser as bench/src/chat-count.ts (packages do not import each other's files; it is six lines).

const SUFFIX = DEFAULT_CHAT_TEMPLATE.replace("{viewer}", "");

/**
 * How many actions one chat message (default template) counts: "Ana" 1, "Ana and Bo" 2,
 * "Ana, Bo and 37 others" 39, "A viewer" 1, "12 viewers" 12. Undefined when it is not such a message.
 */
export function actionsCounted(text: string): number | undefined {
  if (!text.endsWith(SUFFIX)) return undefined;
  const who = text.slice(0, -SUFFIX.length);
  if (who === "A viewer") return 1;
  const viewers = /^(\d+) viewers$/.exec(who);
  if (viewers) return Number(viewers[1]);
  const cut = who.lastIndexOf(" and ");
  if (cut < 0) return 1;
  const named = who.slice(0, cut).split(", ").length;
  const rest = who.slice(cut + " and ".length);
  const others = /^(\d+) others?$/.exec(rest);
  return named + (others ? Number(others[1]) : 1);
}
