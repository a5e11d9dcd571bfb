import type { ActionKind, ActionRequest } from "@ext/shared";
import type { MessageKey } from "../i18n/catalogs/en.ts";

/** The messages the panel shows for one kind of action (keys of the message catalogues). */
export interface ActionLabels {
  /** The button's text and accessible name. */
  button: MessageKey;
  /** Shown before the button's text; hidden from screen readers. */
  emoji: string;
  /** While the click is on its way to the EBS. */
  sending: MessageKey;
  /** Once the EBS queued it for chat. */
  queued: MessageKey;
  /** When a wait (cooldown, chat limit) is over. */
  again: MessageKey;
}

/**
 * The panel's words for every kind in `@ext/shared`'s `ACTION_KINDS`: a new kind does not compile until
 * it has its messages here (and, through the `MessageKey` type, in every catalogue).
 */
/**
 * The kinds a viewer sends with a button (`POST /api/actions`); kinds only the EBS queues (a Bits purchase)
 * have no button and no labels.
 */
export type ViewerActionKind = ActionRequest["action"];

/** True for a kind the panel has a button for. */
export function isViewerActionKind(kind: string): kind is ViewerActionKind {
  return Object.hasOwn(ACTION_LABELS, kind);
}

export const ACTION_LABELS: Record<ViewerActionKind, ActionLabels> = {
  hype: {
    button: "hype.button",
    emoji: "🎉",
    sending: "hype.sending",
    queued: "hype.queued",
    again: "hype.again",
  },
};

/** The emoji a hyper of `kind` is listed with: its button's, and Bits' gem for a purchase (no button). */
export function kindEmoji(kind: ActionKind): string {
  return isViewerActionKind(kind) ? ACTION_LABELS[kind].emoji : "💎";
}
