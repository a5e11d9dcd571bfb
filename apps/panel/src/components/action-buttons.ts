import type { ActionKind } from "@ext/shared";

/** How the panel shows one kind of action: its button, and the word the status lines use for it. */
export interface ActionButtonFace {
  /** The button's text and accessible name. */
  label: string;
  /** Shown before the label; hidden from screen readers. */
  emoji: string;
  /** What the status lines call one action of this kind: "Sending your hype…". */
  noun: string;
}

/**
 * The panel's button for every kind in `@ext/shared`'s `ACTION_KINDS`: a new kind does not compile until
 * it has its button here.
 */
export const ACTION_BUTTONS: Record<ActionKind, ActionButtonFace> = {
  hype: { label: "Send hype", emoji: "🎉", noun: "hype" },
};
