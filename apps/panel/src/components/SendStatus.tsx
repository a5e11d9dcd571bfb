import type { StatusWords } from "./status-words.ts";

/**
 * What became of the last click, on screen: sending, queued, the text that went to chat, or why it failed
 * (with a countdown while a wait is running). Not a live region: `LiveRegion` announces each change once.
 */
export function SendStatus({ words }: { words: StatusWords | undefined }) {
  if (!words) return null;
  switch (words.tone) {
    case "progress":
      return <p className="status">{words.title}</p>;
    case "ready":
      return <p className="status status--ready">{words.title}</p>;
    case "sent":
      return (
        <div className="status status--sent">
          <p className="status__title">{words.title}</p>
          <blockquote className="chat-line">{words.chatText}</blockquote>
        </div>
      );
    default:
      return (
        <div className={`status ${words.tone === "wait" ? "status--wait" : "status--failed"}`}>
          <p className="status__title">{words.title}</p>
          <p className="hint">{words.hint}</p>
        </div>
      );
  }
}
