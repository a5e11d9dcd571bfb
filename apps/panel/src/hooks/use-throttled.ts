import { useEffect, useRef, useState } from "react";
import { createThrottle, type Throttle } from "../live/throttle.ts";

/**
 * `value`, but changing at most once per `ms`: the first change at once, the latest of those that follow
 * when the interval is up (a live region fed by a flood of broadcasts speaks every `ms`, not each time).
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const shownNow = useRef(value);
  const throttle = useRef<Throttle | undefined>(undefined);
  useEffect(() => {
    latest.current = value;
    if (Object.is(value, shownNow.current)) return;
    throttle.current ??= createThrottle(() => {
      shownNow.current = latest.current;
      setShown(latest.current);
    }, ms);
    throttle.current.call();
  }, [value, ms]);
  useEffect(
    () => () => {
      throttle.current?.cancel();
      throttle.current = undefined;
    },
    [],
  );
  return shown;
}
