import type { ActionKind } from "@ext/shared";
import { useSendAction } from "../hooks/use-send-action.ts";
import { ActionButton } from "./ActionButton.tsx";
import { ACTION_LABELS } from "./action-labels.ts";
import { SendStatus } from "./SendStatus.tsx";

/** One kind of action: its button and what became of the viewer's last click on it. */
export function ActionControl({ kind, chatOff }: { kind: ActionKind; chatOff: boolean }) {
  const { state, blocked, secondsLeft, send } = useSendAction(kind);
  const busy = state.status === "sending" || state.status === "refreshing" || state.status === "queued";
  return (
    <>
      <ActionButton kind={kind} onClick={send} disabled={chatOff || busy || blocked} busy={busy} />
      {/* With chat off, an earlier "sent" is history, but a click still on its way keeps its status. */}
      {chatOff && state.status === "sent" ? null : (
        <SendStatus state={state} secondsLeft={secondsLeft} noun={ACTION_LABELS[kind].noun} />
      )}
    </>
  );
}
