import { describeError } from "../api/error-words.ts";
import type { HypeState } from "../hooks/use-send-hype.ts";

/** What became of the last click: sending, the text that went to chat, or why it failed. */
export function HypeStatus({ state }: { state: HypeState }) {
  switch (state.status) {
    case "idle":
      return null;
    case "sending":
    case "refreshing":
      return (
        <p className="status" role="status">
          Sending your hype…
        </p>
      );
    case "sent":
      return (
        <div className="status status--sent" role="status">
          <p className="status__title">Sent to chat!</p>
          <blockquote className="chat-line">{state.text}</blockquote>
        </div>
      );
    case "failed": {
      const words = describeError(state.error);
      return (
        <div className={`status ${words.tone === "wait" ? "status--wait" : "status--failed"}`} role="alert">
          <p className="status__title">{words.title}</p>
          <p className="hint">{words.hint}</p>
        </div>
      );
    }
  }
}
