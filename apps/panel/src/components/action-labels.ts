import type { ActionKind } from "@ext/shared";

/** The words the panel shows for one kind of action. */
export interface ActionLabels {
  /** The button's text and accessible name. */
  button: string;
  /** Shown before the button's text; hidden from screen readers. */
  emoji: string;
  /** What the status lines call one action of this kind: "Sending your hype…". */
  noun: string;
}

/**
 * The panel's words for every kind in `@ext/shared`'s `ACTION_KINDS`: a new kind does not compile until
 * it has its button here.
 */
export const ACTION_LABELS: Record<ActionKind, ActionLabels> = {
  hype: { button: "Send hype", emoji: "🎉", noun: "hype" },
};
