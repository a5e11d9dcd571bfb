import type { ActionState, ActionStatus, ApiErrorCode, Clock } from "@ext/shared";
import { createLinkedList, type Linked } from "./linked-list.ts";
import type { Scheduler } from "./scheduler.ts";

/** What the EBS tells of one action, so its viewer can ask what became of it. */
export interface ActionRecord {
  id: string;
  channelId: string;
  /** The viewer's opaque id: only the same viewer may read the status. */
  opaqueUserId: string;
  status: ActionState;
  text?: string;
  error?: { code: ApiErrorCode; message: string };
  finishedAt?: number;
}

/** How an action ended: the actions of one chat message share one. */
export type ActionOutcome = Pick<ActionRecord, "status" | "text" | "error">;

/** Statuses of recent actions, with waiters for the long-poll. */
export interface ActionStore {
  /** Remembers a queued action; it is kept as long as it stays queued (the delivery queue holds it anyway). */
  add(record: Pick<ActionRecord, "id" | "channelId" | "opaqueUserId">): void;
  get(id: string): ActionRecord | undefined;
  /** Sets the outcome of those of `ids` still queued (the actions of one message) and wakes their long-polls. */
  finish(ids: readonly string[], outcome: ActionOutcome): void;
  /**
   * Resolves when the action is no longer queued, or after `timeoutMs` with its current record. The caller
   * answers the action's own viewer with it: a finished status it resolves with counts as read.
   */
  waitForChange(id: string, timeoutMs: number): Promise<ActionRecord | undefined>;
}

/** How long a finished action's status can be read while its viewer has not read it (Redis mode: as long). */
export const STATUS_RETENTION_MS = 10 * 60 * 1000;
/**
 * How long a status is kept once its viewer was answered with it. The panel stops asking then; it asks again
 * only when that answer was lost on the way, and it retries a network failure within seconds.
 */
export const READ_STATUS_RETENTION_MS = 60 * 1000;
/** Finished statuses kept at most; past it (or {@link MAX_STATUS_BYTES}) the read ones go first, then the oldest. */
export const MAX_RECORDS = 40_000;
/** What the finished statuses may take of the heap, by the estimate of {@link STATUS_BYTES}. */
export const MAX_STATUS_BYTES = 8 * 1024 * 1024;
/**
 * Heap bytes of one remembered status besides its outcome, measured on Node 20 (x64): its id (a 36-character
 * string), its entry in the id map, and the entry object. The outcome is counted once, by its text's length.
 */
export const STATUS_BYTES = 200;
const OUTCOME_BYTES = 100;

export function toActionStatus(record: ActionRecord): ActionStatus {
  return {
    actionId: record.id,
    status: record.status,
    ...(record.text !== undefined ? { text: record.text } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
  };
}

/** An outcome as kept: one object for every status that ended the same way, counted once. */
interface Outcome extends ActionOutcome {
  /** Where it is found again, and by what. */
  readonly sharedIn: Map<string, Outcome>;
  readonly key: string;
  readonly bytes: number;
  /** Statuses that have it. */
  refs: number;
}

/** One action: queued (no outcome, in no list), or finished and in the unread or the read list. */
interface Entry extends Linked<Entry> {
  readonly id: string;
  readonly channelId: string;
  readonly opaqueUserId: string;
  outcome: Outcome | undefined;
  read: boolean;
  /** When a finished status is forgotten (epoch ms). */
  expiresAt: number;
}

/**
 * The in-memory statuses. A queued action is always kept. A finished one is kept {@link STATUS_RETENTION_MS}
 * until its viewer reads it, then {@link READ_STATUS_RETENTION_MS}; and whatever their age, finished statuses
 * stay within `maxRecords` and `maxBytes`: the read ones go first, then the oldest. A status keeps its ids and
 * a reference to an outcome that the statuses of one message (or the same text) share.
 */
export function createActionStore(input: {
  clock: Clock;
  scheduler: Scheduler;
  retentionMs?: number;
  readRetentionMs?: number;
  /** Finished statuses kept at most (default {@link MAX_RECORDS}). */
  maxRecords?: number;
  /** Their bytes at most, as {@link STATUS_BYTES} estimates them (default {@link MAX_STATUS_BYTES}). */
  maxBytes?: number;
}): ActionStore {
  const retentionMs = input.retentionMs ?? STATUS_RETENTION_MS;
  const readRetentionMs = input.readRetentionMs ?? READ_STATUS_RETENTION_MS;
  const maxRecords = input.maxRecords ?? MAX_RECORDS;
  const maxBytes = input.maxBytes ?? MAX_STATUS_BYTES;
  const entries = new Map<string, Entry>();
  const sentOutcomes = new Map<string, Outcome>();
  const otherOutcomes = new Map<string, Outcome>();
  const unread = createLinkedList<Entry>();
  const read = createLinkedList<Entry>();
  const waiters = new Map<string, Set<() => void>>();
  let outcomeBytes = 0;

  const finished = () => unread.size + read.size;
  const full = () => finished() > maxRecords || finished() * STATUS_BYTES + outcomeBytes > maxBytes;

  /** The kept outcome equal to `outcome`, made on first use: a sent one is found by its text, a failed one by its error. */
  function share(outcome: ActionOutcome): Outcome {
    const { status, text, error } = outcome;
    const bySent = status === "sent" && error === undefined;
    const key = bySent ? (text ?? "") : `${status}\n${error?.code}\n${error?.message}\n${text ?? ""}`;
    const shared = bySent ? sentOutcomes : otherOutcomes;
    let kept = shared.get(key);
    if (!kept) {
      // Two bytes a character: a text with an emoji is stored as a two-byte string.
      const chars = (text?.length ?? 0) + (bySent ? 0 : key.length + (error?.message.length ?? 0));
      kept = { status, text, error, key, sharedIn: shared, bytes: OUTCOME_BYTES + 2 * chars, refs: 0 };
      shared.set(key, kept);
      outcomeBytes += kept.bytes;
    }
    return kept;
  }

  function forget(entry: Entry) {
    (entry.read ? read : unread).remove(entry);
    entries.delete(entry.id);
    const outcome = entry.outcome as Outcome;
    if (--outcome.refs === 0) {
      outcome.sharedIn.delete(outcome.key);
      outcomeBytes -= outcome.bytes;
    }
  }

  /** Forgets expired statuses, and finished ones while over the bounds: read ones first, then the oldest. */
  function sweep(now: number) {
    for (;;) {
      const over = full();
      const oldestRead = read.first();
      if (oldestRead && (over || oldestRead.expiresAt <= now)) forget(oldestRead);
      else {
        const oldest = unread.first();
        if (!oldest || !(over || oldest.expiresAt <= now)) return;
        forget(oldest);
      }
    }
  }

  function view(entry: Entry): ActionRecord {
    const outcome = entry.outcome;
    return {
      id: entry.id,
      channelId: entry.channelId,
      opaqueUserId: entry.opaqueUserId,
      status: outcome?.status ?? "queued",
      ...(outcome?.text !== undefined ? { text: outcome.text } : {}),
      ...(outcome?.error !== undefined ? { error: outcome.error } : {}),
    };
  }

  /** What the viewer is answered with; a finished status moves to the read list. */
  function answer(id: string): ActionRecord | undefined {
    const entry = entries.get(id);
    if (!entry) return undefined;
    if (entry.outcome && !entry.read) {
      unread.remove(entry);
      entry.read = true;
      entry.expiresAt = Math.min(entry.expiresAt, input.clock() + readRetentionMs);
      read.push(entry);
    }
    return view(entry);
  }

  return {
    add(record) {
      sweep(input.clock());
      entries.set(record.id, {
        id: record.id,
        channelId: record.channelId,
        opaqueUserId: record.opaqueUserId,
        outcome: undefined,
        read: false,
        expiresAt: 0,
        prev: undefined,
        next: undefined,
      });
    },
    get(id) {
      sweep(input.clock());
      const entry = entries.get(id);
      return entry && view(entry);
    },
    finish(ids, outcome) {
      const now = input.clock();
      let kept: Outcome | undefined;
      for (const id of ids) {
        const entry = entries.get(id);
        if (!entry || entry.outcome) continue;
        kept ??= share(outcome);
        kept.refs++;
        entry.outcome = kept;
        entry.expiresAt = now + retentionMs;
        unread.push(entry);
        const wake = waiters.get(id);
        waiters.delete(id);
        for (const fn of wake ?? []) fn();
      }
      sweep(now);
    },
    waitForChange(id, timeoutMs) {
      const entry = entries.get(id);
      if (!entry || entry.outcome || timeoutMs <= 0) return Promise.resolve(answer(id));
      return new Promise((resolve) => {
        let cancel = () => {};
        const done = () => {
          cancel();
          const set = waiters.get(id);
          set?.delete(done);
          if (set?.size === 0) waiters.delete(id);
          resolve(answer(id));
        };
        const set = waiters.get(id) ?? new Set();
        set.add(done);
        waiters.set(id, set);
        cancel = input.scheduler.setTimeout(done, timeoutMs);
      });
    },
  };
}
