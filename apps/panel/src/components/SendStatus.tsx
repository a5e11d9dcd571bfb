import { EbsError } from "../api/ebs-error.ts";
import { describeError } from "../api/error-words.ts";
import type { SendState } from "../hooks/use-send-action.ts";

/**
 * What became of the last click: sending, queued, the text that went to chat, or why it failed (with a
 * countdown while a wait is running). `noun` names what was sent ("hype").
 */
export function SendStatus({
  state,
  secondsLeft = 0,
  noun,
}: {
  state: SendState;
  secondsLeft?: number;
  noun: string;
}) {
  switch (state.status) {
    case "idle":
      return null;
    case "sending":
    case "refreshing":
      return (
        <p className="status" role="status">
          {`Sending your ${noun}…`}
        </p>
      );
    case "queued":
      return (
        <p className="status status--queued" role="status">
          {`Queued: your ${noun} goes to chat in a moment…`}
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
      const { error } = state;
      const counting =
        secondsLeft > 0 && error.retryAfterSeconds !== undefined
          ? new EbsError({ code: error.code, message: error.message, retryAfterSeconds: secondsLeft })
          : error;
      const words = describeError(counting);
      return (
        <div className={`status ${words.tone === "wait" ? "status--wait" : "status--failed"}`} role="alert">
          <p className="status__title">{words.title}</p>
          <p className="hint">{words.hint}</p>
        </div>
      );
    }
  }
}
