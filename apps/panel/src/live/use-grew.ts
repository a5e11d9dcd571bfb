import { useState } from "react";

/**
 * How many times `count` grew since the page first saw it (0 until it does): a key that restarts the
 * count's animation on each growth and never on the first value.
 */
export function useGrowths(count: number | undefined): number {
  const [seen, setSeen] = useState({ count, growths: 0 });
  if (count !== undefined && count !== seen.count) {
    const grew = seen.count !== undefined && count > seen.count;
    const next = { count, growths: seen.growths + (grew ? 1 : 0) };
    setSeen(next);
    return next.growths;
  }
  return seen.growths;
}
