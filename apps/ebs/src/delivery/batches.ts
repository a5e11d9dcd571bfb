import { ACTION_KINDS, type ActionKind, type ActionKindRule } from "@ext/shared";

/** How each kind is announced: whether its actions coalesce, and its wording when none was chosen. */
export type KindRules = Readonly<Record<string, Pick<ActionKindRule, "coalesce" | "defaultTemplate">>>;

/** The product's kinds (`ACTION_KINDS` in shared); tests may pass a table with kinds of their own. */
export const DEFAULT_KIND_RULES: KindRules = ACTION_KINDS;

/** What a queue needs to know of a pending action to batch it. */
export interface Batchable {
  kind: ActionKind;
  /** The channel's template for this kind when the action was accepted, if settings were read. */
  template?: string | undefined;
}

/**
 * Takes the next message's actions out of a channel's pending list, oldest first: the oldest action's
 * kind decides. A kind that coalesces takes every pending action of that kind (at most `max`), a kind that
 * does not takes that one action; actions of other kinds keep their place for the next message.
 */
export function takeBatch<T extends Batchable>(pending: T[], rules: KindRules, max = Infinity): T[] {
  const head = pending[0];
  if (!head) return [];
  if (!rules[head.kind]?.coalesce) return pending.splice(0, 1);
  const batch: T[] = [];
  const rest: T[] = [];
  for (const action of pending) (action.kind === head.kind && batch.length < max ? batch : rest).push(action);
  pending.length = 0;
  for (const action of rest) pending.push(action);
  return batch;
}

/** The wording of one batch's message: the newest template among its actions, else the kind's default. */
export function batchTemplate(batch: readonly Batchable[], rules: KindRules): string | undefined {
  const head = batch[0];
  if (!head) return undefined;
  return batch.findLast((a) => a.template !== undefined)?.template ?? rules[head.kind]?.defaultTemplate;
}
