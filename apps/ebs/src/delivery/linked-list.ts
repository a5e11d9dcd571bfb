/** An item that can be in one {@link LinkedList} at a time: the list keeps its links in the item itself. */
export interface Linked<T> {
  prev: T | undefined;
  next: T | undefined;
}

/**
 * A doubly linked list threaded through its items: push at the back, look at the front, and remove any item
 * (front or middle), all O(1) and without allocating. For a queue whose items may leave before their turn.
 */
export interface LinkedList<T extends Linked<T>> {
  /** The oldest item; undefined when empty. */
  first(): T | undefined;
  push(item: T): void;
  /** Takes out an item that is in this list (the caller knows it is). */
  remove(item: T): void;
  readonly size: number;
}

export function createLinkedList<T extends Linked<T>>(): LinkedList<T> {
  let head: T | undefined;
  let tail: T | undefined;
  let size = 0;
  return {
    first: () => head,
    push(item) {
      item.prev = tail;
      item.next = undefined;
      if (tail) tail.next = item;
      else head = item;
      tail = item;
      size++;
    },
    remove(item) {
      if (item.prev) item.prev.next = item.next;
      else head = item.next;
      if (item.next) item.next.prev = item.prev;
      else tail = item.prev;
      item.prev = undefined;
      item.next = undefined;
      size--;
    },
    get size() {
      return size;
    },
  };
}
