import { DEFAULT_CHAT_TEMPLATE } from "../chat/text.ts";
import type { BroadcasterSettings } from "../settings/broadcaster-settings.ts";

/** How the EBS announces one kind of viewer action in chat. */
export interface ActionKindRule {
  /** The wording when the broadcaster chose none; `{viewer}` is replaced by who acted. */
  defaultTemplate: string;
  /**
   * True: the pending actions of this kind in a channel become one message ("Ana, Bo and 37 others").
   * False: each action is a message of its own (a purchase is announced by name, never merged).
   */
  coalesce: boolean;
  /**
   * True: viewers send it with `POST /api/actions` (a button in the panel). False: only the EBS queues it,
   * once it has verified something (a Bits purchase arrives as a signed receipt, EventSub or Helix).
   */
  viewerSends: boolean;
  /** The broadcaster's wording for this kind, from the channel's settings; undefined: the default. */
  broadcasterTemplate(settings: BroadcasterSettings): string | undefined;
}

/**
 * Every kind of action a viewer can send, keyed by the `action` field of `POST /api/actions`. A new kind is
 * a case in `actionRequestSchema`, its rule here, and the panel's button: the EBS's queue, the chat text and
 * the status long-poll carry any kind unchanged.
 */
export const ACTION_KINDS = {
  hype: {
    defaultTemplate: DEFAULT_CHAT_TEMPLATE,
    coalesce: true,
    viewerSends: true,
    broadcasterTemplate: (settings) => settings.template,
  },
  purchase: {
    // Each purchase is queued with its product's template from `BITS_CATALOGUE` ("{viewer} cheered 500 Bits:
    // Mega Hype!"); this wording is only a fallback for an action queued without one.
    defaultTemplate: "{viewer} bought a Bits product! 🎉",
    coalesce: false,
    viewerSends: false,
    broadcasterTemplate: () => undefined,
  },
} as const satisfies Record<string, ActionKindRule>;

export type ActionKind = keyof typeof ACTION_KINDS;

/** The kinds viewers send with `POST /api/actions`, in the order the panel offers them. */
export const actionKinds = (Object.keys(ACTION_KINDS) as ActionKind[]).filter(
  (kind) => ACTION_KINDS[kind].viewerSends,
);

/** The template a message about actions of `kind` uses in a channel with these settings (or none read). */
export function chatTemplateFor(kind: ActionKind, settings: BroadcasterSettings | undefined): string {
  const rule: ActionKindRule = ACTION_KINDS[kind];
  return (settings && rule.broadcasterTemplate(settings)) ?? rule.defaultTemplate;
}
