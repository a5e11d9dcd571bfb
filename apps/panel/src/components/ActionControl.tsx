import { useSendAction } from "../hooks/use-send-action.ts";
import { useT } from "../i18n/i18n-context.tsx";
import { ActionButton } from "./ActionButton.tsx";
import { ACTION_LABELS, type ViewerActionKind } from "./action-labels.ts";
import { LiveRegion } from "./LiveRegion.tsx";
import { SendStatus } from "./SendStatus.tsx";
import { spokenWords, statusWords } from "./status-words.ts";

/**
 * One kind of action: its button, what became of the viewer's last click on it, and a live region that
 * announces each change of that once (a countdown is shown ticking but announced when it starts and ends).
 */
export function ActionControl({ kind, chatOff }: { kind: ViewerActionKind; chatOff: boolean }) {
  const { state, blocked, secondsLeft, send } = useSendAction(kind);
  const t = useT();
  const labels = ACTION_LABELS[kind];
  const busy = state.status === "sending" || state.status === "refreshing" || state.status === "queued";
  // With chat off, an earlier "sent" is history, but a click still on its way keeps its status.
  const hidden = chatOff && state.status === "sent";
  const shown = hidden ? undefined : statusWords({ state, secondsLeft, labels, t });
  const spoken = hidden ? undefined : statusWords({ state, secondsLeft: blocked ? undefined : 0, labels, t });
  return (
    <>
      <ActionButton kind={kind} onClick={send} disabled={chatOff || busy || blocked} busy={busy} />
      <SendStatus words={shown} />
      <LiveRegion message={spokenWords(spoken)} />
    </>
  );
}
