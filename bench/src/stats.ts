/** The p-th percentile (0..100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** "goal met" or "GOAL MISSED" after a figure. */
export const verdict = (ok: boolean) => (ok ? "goal met" : "GOAL MISSED");

/** Sends JSON (POST by default) to a URL on 127.0.0.1; the status and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
