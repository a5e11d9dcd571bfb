/** Time spans in words, for explanations a person reads ("expires in 42 minutes"). */

function unit(value: number, name: string): string {
  return `${value} ${name}${value === 1 ? "" : "s"}`;
}

/** A span of seconds in words: "42 minutes", "3 hours", "2 days". */
export function durationInWords(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 90) return unit(s, "second");
  if (s < 90 * 60) return unit(Math.round(s / 60), "minute");
  if (s < 48 * 3600) return unit(Math.round(s / 3600), "hour");
  return unit(Math.round(s / 86400), "day");
}

/** "expires in 42 minutes" or "expired 3 hours ago", from `exp` and now (both in seconds). */
export function expiryInWords(exp: number, nowSeconds: number): string {
  const left = exp - nowSeconds;
  return left > 0 ? `expires in ${durationInWords(left)}` : `expired ${durationInWords(left)} ago`;
}
