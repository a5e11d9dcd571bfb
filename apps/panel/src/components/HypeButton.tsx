/** The big "Send hype" button. */
export function HypeButton(props: { onClick: () => void; disabled: boolean; busy: boolean }) {
  return (
    <button
      type="button"
      className="hype-button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-busy={props.busy}
    >
      <span aria-hidden="true">🎉</span> Send hype
    </button>
  );
}
