import { EbsError } from "../api/ebs-error.ts";
import { describeError } from "../api/error-words.ts";
import type { SendState } from "../hooks/use-send-action.ts";
import type { Translate } from "../i18n/translate.ts";
import type { ActionLabels } from "./action-labels.ts";

/** What the panel says about the viewer's last click, in their language. */
export type StatusWords =
  | { tone: "progress" | "ready"; title: string }
  | { tone: "sent"; title: string; chatText: string }
  | { tone: "failed" | "wait"; title: string; hint: string };

/**
 * The words for a click's state. `secondsLeft` is the running countdown of a wait (the hint then counts
 * down; 0 once it is over, which says the viewer can send again); `undefined` words the wait as the EBS
 * first answered it, which is what a screen reader is told once, instead of every second.
 */
export function statusWords(input: {
  state: SendState;
  secondsLeft: number | undefined;
  labels: ActionLabels;
  t: Translate;
}): StatusWords | undefined {
  const { state, secondsLeft, labels, t } = input;
  switch (state.status) {
    case "idle":
      return undefined;
    case "sending":
    case "refreshing":
      return { tone: "progress", title: t(labels.sending) };
    case "queued":
      return { tone: "progress", title: t(labels.queued) };
    case "sent":
      return { tone: "sent", title: t("hype.sent"), chatText: state.text };
    case "failed": {
      const { error } = state;
      if (error.retryAfterSeconds !== undefined && secondsLeft === 0) {
        return { tone: "ready", title: t(labels.again) };
      }
      const counting =
        error.retryAfterSeconds !== undefined && secondsLeft !== undefined
          ? new EbsError({ code: error.code, message: error.message, retryAfterSeconds: secondsLeft })
          : error;
      const words = describeError(counting, t);
      return { tone: words.tone === "wait" ? "wait" : "failed", title: words.title, hint: words.hint };
    }
  }
}

/** The words as one sentence for the live region. */
export function spokenWords(words: StatusWords | undefined): string {
  if (!words) return "";
  if (words.tone === "sent") return `${words.title} ${words.chatText}`;
  if (words.tone === "failed" || words.tone === "wait") return `${words.title} ${words.hint}`;
  return words.title;
}
