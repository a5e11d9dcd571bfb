import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChatText } from "./build-text.ts";
import { countActorsInChatText } from "./count.ts";

describe("countActorsInChatText", () => {
  it("reads how many people a message counts", () => {
    expect(countActorsInChatText("Ana sent some hype to the stream! 🎉")).toBe(1);
    expect(countActorsInChatText("Ana and Bo sent some hype to the stream! 🎉")).toBe(2);
    expect(countActorsInChatText("Ana, Bo and 37 others sent some hype to the stream! 🎉")).toBe(39);
    expect(countActorsInChatText("A viewer sent some hype to the stream! 🎉")).toBe(1);
    expect(countActorsInChatText("12 viewers sent some hype to the stream! 🎉")).toBe(12);
  });

  it("says nothing of a message another template wrote", () => {
    expect(countActorsInChatText("hello chat")).toBeUndefined();
    expect(countActorsInChatText("Thanks Ana!", "Thanks {viewer}!")).toBe(1);
  });

  it("counts exactly the people buildChatText was given, named or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.stringMatching(/^[A-Za-z0-9_]{1,25}$/), { nil: undefined }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.constantFrom(undefined, "Thanks, {viewer}!", "{viewer} brought the hype"),
        (names, template) => {
          const actors = names.map((displayName) => ({ displayName }));
          const text = buildChatText({ actors, ...(template ? { template } : {}) });
          expect(countActorsInChatText(text, template)).toBe(actors.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
