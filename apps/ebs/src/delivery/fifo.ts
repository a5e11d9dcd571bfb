/**
 * First in, first out: push at the back, take from the front, both O(1) amortized (an array read from a
 * moving head, compacted once the head has passed half of it). Not a Map's own order: walking a Map from
 * its start after many deletions there visits every deleted slot again.
 */
export interface Fifo<T> {
  push(item: T): void;
  /** The oldest item, left in place; undefined when empty. */
  peek(): T | undefined;
  /** Removes and returns the oldest item; undefined when empty. */
  shift(): T | undefined;
  readonly length: number;
}

export function createFifo<T>(): Fifo<T> {
  let items: T[] = [];
  let head = 0;
  return {
    push(item) {
      items.push(item);
    },
    peek: () => (head < items.length ? items[head] : undefined),
    shift() {
      if (head >= items.length) return undefined;
      const item = items[head] as T;
      head++;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    get length() {
      return items.length - head;
    },
  };
}
