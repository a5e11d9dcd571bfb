import { useT } from "../i18n/i18n-context.tsx";
import { ACTION_LABELS, type ViewerActionKind } from "./action-labels.ts";

/** The big button for one kind of action, e.g. "Send hype", in the viewer's language. */
export function ActionButton(props: {
  kind: ViewerActionKind;
  onClick: () => void;
  disabled: boolean;
  busy: boolean;
}) {
  const t = useT();
  const { button, emoji } = ACTION_LABELS[props.kind];
  return (
    <button
      type="button"
      className="action-button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-busy={props.busy}
    >
      <span aria-hidden="true">{emoji}</span> {t(button)}
    </button>
  );
}
