import { describe, expect, it } from "vitest";
import { createLinkedList, type Linked } from "./linked-list.ts";

interface Item extends Linked<Item> {
  name: string;
}
const item = (name: string): Item => ({ name, prev: undefined, next: undefined });

function names(list: { first(): Item | undefined }): string[] {
  const out: string[] = [];
  for (let i = list.first(); i; i = i.next) out.push(i.name);
  return out;
}

describe("the linked list", () => {
  it("keeps items in the order they were pushed", () => {
    const list = createLinkedList<Item>();
    for (const n of ["a", "b", "c"]) list.push(item(n));
    expect(names(list)).toEqual(["a", "b", "c"]);
    expect(list.size).toBe(3);
  });

  it("removes an item from the front, the middle or the back, and can take it again", () => {
    const list = createLinkedList<Item>();
    const [a, b, c, d] = ["a", "b", "c", "d"].map(item) as [Item, Item, Item, Item];
    for (const i of [a, b, c, d]) list.push(i);
    list.remove(b);
    expect(names(list)).toEqual(["a", "c", "d"]);
    list.remove(a);
    expect(list.first()).toBe(c);
    list.remove(d);
    expect(names(list)).toEqual(["c"]);
    list.push(b);
    expect(names(list)).toEqual(["c", "b"]);
    list.remove(c);
    list.remove(b);
    expect(list.first()).toBeUndefined();
    expect(list.size).toBe(0);
    list.push(a);
    expect(names(list)).toEqual(["a"]);
  });
});
