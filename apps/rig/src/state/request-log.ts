import type { LogEntry } from "./types.ts";

/** The mock API's request log, oldest first, keeping the newest `limit` entries. */
export interface RequestLog {
  add(entry: Omit<LogEntry, "id">): LogEntry;
  entries(): LogEntry[];
}

export function createRequestLog(limit = 500): RequestLog {
  const entries: LogEntry[] = [];
  let next = 1;
  return {
    add(entry) {
      const stored: LogEntry = { id: String(next++), ...entry };
      entries.push(stored);
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      return stored;
    },
    entries: () => [...entries],
  };
}
