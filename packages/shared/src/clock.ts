/** Milliseconds since the epoch, like `Date.now`. Passed in so tests control time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** Whole seconds since the epoch, as JWT `exp` wants them. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}
