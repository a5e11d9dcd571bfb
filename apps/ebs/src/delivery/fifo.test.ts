import { describe, expect, it } from "vitest";
import { createFifo } from "./fifo.ts";

describe("the first-in first-out list", () => {
  it("gives items back oldest first, and undefined once empty", () => {
    const fifo = createFifo<string>();
    fifo.push("a");
    fifo.push("b");
    expect(fifo.peek()).toBe("a");
    expect(fifo.shift()).toBe("a");
    expect(fifo.length).toBe(1);
    expect(fifo.shift()).toBe("b");
    expect(fifo.peek()).toBeUndefined();
    expect(fifo.shift()).toBeUndefined();
    expect(fifo.length).toBe(0);
  });

  it("keeps every item and their order across its compactions", () => {
    const fifo = createFifo<number>();
    const taken: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      fifo.push(i);
      if (i % 3 !== 0) taken.push(fifo.shift() as number);
    }
    expect(fifo.length).toBe(10_000 - taken.length);
    while (fifo.length > 0) taken.push(fifo.shift() as number);
    expect(taken).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
