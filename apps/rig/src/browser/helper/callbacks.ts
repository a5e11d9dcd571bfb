/** A list of callbacks a page registers with the helper (Twitch's helper has no way to unregister them). */
export interface CallbackList<A extends unknown[]> {
  add(callback: (...args: A) => void): void;
  /** Calls every callback; one that throws is reported to `onThrow` and does not stop the others. */
  fire(...args: A): void;
  readonly size: number;
}

export function createCallbackList<A extends unknown[]>(onThrow: (error: unknown) => void): CallbackList<A> {
  const callbacks: ((...args: A) => void)[] = [];
  return {
    add: (callback) => {
      if (typeof callback === "function") callbacks.push(callback);
    },
    fire: (...args) => {
      for (const callback of [...callbacks]) {
        try {
          callback(...args);
        } catch (error) {
          onThrow(error);
        }
      }
    },
    get size() {
      return callbacks.length;
    },
  };
}
