/** How often and how patiently a send is retried after 5xx, timeouts and connection errors. */
export interface RetryPolicy {
  /** Sends tried per action before it is marked failed. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 250, maxMs: 8_000 };

/**
 * Exponential backoff with jitter: after failure n (1-based) wait between half and all of
 * `baseMs * 2^(n-1)`, capped at `maxMs`. `random` returns [0, 1).
 */
export function backoffMs(policy: RetryPolicy, failures: number, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
