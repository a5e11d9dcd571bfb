import type { ActionState, ActionStatus, ApiErrorCode, Clock } from "@ext/shared";
import { createFifo } from "./fifo.ts";
import type { Scheduler } from "./scheduler.ts";

/** What the EBS remembers of one action, so its viewer can ask what became of it. */
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

/** Statuses of recent actions, with waiters for the long-poll. */
export interface ActionStore {
  add(record: ActionRecord): void;
  get(id: string): ActionRecord | undefined;
  finish(id: string, outcome: Pick<ActionRecord, "status" | "text" | "error">): void;
  /** Resolves when the action is no longer queued, or after `timeoutMs` with its current record. */
  waitForChange(id: string, timeoutMs: number): Promise<ActionRecord | undefined>;
}

/** How long a finished action's status can still be read. */
export const STATUS_RETENTION_MS = 10 * 60 * 1000;
export const MAX_RECORDS = 200_000;

export function toActionStatus(record: ActionRecord): ActionStatus {
  return {
    actionId: record.id,
    status: record.status,
    ...(record.text !== undefined ? { text: record.text } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
  };
}

export function createActionStore(input: {
  clock: Clock;
  scheduler: Scheduler;
  retentionMs?: number;
  /** Records kept at most; the oldest go first (default {@link MAX_RECORDS}). */
  maxRecords?: number;
}): ActionStore {
  const records = new Map<string, ActionRecord>();
  const waiters = new Map<string, Set<() => void>>();
  const retentionMs = input.retentionMs ?? STATUS_RETENTION_MS;
  const maxRecords = input.maxRecords ?? MAX_RECORDS;
  const order = createFifo<string>();

  /** Forgets the oldest records while they are expired or the store is full. */
  function sweep(now: number) {
    for (let id = order.peek(); id !== undefined; id = order.peek()) {
      const record = records.get(id);
      if (record) {
        const expired = record.finishedAt !== undefined && record.finishedAt + retentionMs <= now;
        if (!expired && records.size < maxRecords) break;
        records.delete(id);
      }
      order.shift();
    }
  }

  return {
    add(record) {
      sweep(input.clock());
      records.set(record.id, record);
      order.push(record.id);
    },
    get: (id) => records.get(id),
    finish(id, outcome) {
      const record = records.get(id);
      if (record?.status !== "queued") return;
      record.status = outcome.status;
      if (outcome.text !== undefined) record.text = outcome.text;
      if (outcome.error !== undefined) record.error = outcome.error;
      record.finishedAt = input.clock();
      const wake = waiters.get(id);
      waiters.delete(id);
      for (const fn of wake ?? []) fn();
    },
    waitForChange(id, timeoutMs) {
      const record = records.get(id);
      if (record?.status !== "queued" || timeoutMs <= 0) return Promise.resolve(record);
      return new Promise((resolve) => {
        let cancel = () => {};
        const done = () => {
          cancel();
          waiters.get(id)?.delete(done);
          resolve(records.get(id));
        };
        const set = waiters.get(id) ?? new Set();
        set.add(done);
        waiters.set(id, set);
        cancel = input.scheduler.setTimeout(done, timeoutMs);
      });
    },
  };
}
