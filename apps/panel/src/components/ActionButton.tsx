import type { ActionKind } from "@ext/shared";
import { ACTION_LABELS } from "./action-labels.ts";

/** The big button for one kind of action, e.g. "Send hype". */
export function ActionButton(props: {
  kind: ActionKind;
  onClick: () => void;
  disabled: boolean;
  busy: boolean;
}) {
  const { button, emoji } = ACTION_LABELS[props.kind];
  return (
    <button
      type="button"
      className="action-button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-busy={props.busy}
    >
      <span aria-hidden="true">{emoji}</span> {button}
    </button>
  );
}
