import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChatText, truncateChatText } from "./build-text.ts";
import { chatTextLength, DEFAULT_CHAT_TEMPLATE, describeActors } from "./text.ts";

describe("describeActors", () => {
  it("names people the way chat reads", () => {
    expect(describeActors([{ displayName: "Ana" }])).toBe("Ana");
    expect(describeActors([{ displayName: "Ana" }, { displayName: "Bo" }])).toBe("Ana and Bo");
    expect(describeActors([{ displayName: "Ana" }, { displayName: "Bo" }, { displayName: "Cy" }])).toBe(
      "Ana, Bo and Cy",
    );
    expect(describeActors([{ displayName: "Ana" }, {}, {}])).toBe("Ana and 2 others");
  });

  it("uses neutral wording for viewers who did not share identity", () => {
    expect(describeActors([{}])).toBe("A viewer");
    expect(describeActors([{}, {}, {}])).toBe("3 viewers");
  });

  it("strips control characters from names", () => {
    expect(describeActors([{ displayName: "A\u0000n\u200Ba\n" }])).toBe("Ana");
  });
});

describe("buildChatText", () => {
  it("fills the default template with the viewer's display name", () => {
    expect(buildChatText({ actors: [{ displayName: "Ana" }] })).toBe(
      DEFAULT_CHAT_TEMPLATE.replace("{viewer}", "Ana"),
    );
  });

  it("uses neutral wording for an anonymous viewer", () => {
    expect(buildChatText({ actors: [{}] })).toBe("A viewer sent some hype to the stream! 🎉");
  });

  it("fills a custom template", () => {
    expect(buildChatText({ actors: [{}, {}], template: "Thanks, {viewer}!" })).toBe("Thanks, 2 viewers!");
  });

  it("names fewer people rather than go over 280 characters, and still counts everyone", () => {
    const actors = Array.from({ length: 60 }, (_, i) => ({ displayName: `Viewer_number_${i}` }));
    const text = buildChatText({ actors });
    expect(chatTextLength(text)).toBeLessThanOrEqual(280);
    expect(text).toMatch(/and \d+ others/);
    const named = text.split(" and ")[0]?.split(", ").length ?? 0;
    const others = Number(/and (\d+) others/.exec(text)?.[1]);
    expect(named + others).toBe(60);
  });

  it("never exceeds 280 characters nor breaks a character, whatever the template and names", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.array(fc.string({ unit: "grapheme", maxLength: 40 })),
        (template, names) => {
          const text = buildChatText({ template, actors: names.map((displayName) => ({ displayName })) });
          expect(chatTextLength(text)).toBeLessThanOrEqual(280);
          expect(text.isWellFormed()).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("buildChatText with many people", () => {
  /** The obvious way: try naming everyone, then one fewer each time. */
  function namingMostThatFit(actors: { displayName?: string }[], template: string): string {
    for (let names = actors.length; names >= 0; names--) {
      const who = describeActors(actors, names);
      const filled = template.replaceAll("{viewer}", who);
      const text = template.startsWith("{viewer}")
        ? filled.charAt(0).toUpperCase() + filled.slice(1)
        : filled;
      if (chatTextLength(text) <= 280) return text;
    }
    return "";
  }

  it("names exactly as many people as the obvious one-by-one search would", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ minLength: 1, maxLength: 25 }), { nil: undefined }), {
          maxLength: 80,
        }),
        fc.constantFrom(
          "{viewer} sent some hype!",
          "Thanks {viewer}, {viewer}!",
          `${"x".repeat(200)} {viewer}`,
        ),
        (names, template) => {
          const actors = names.map((displayName) => ({ displayName }));
          const expected = namingMostThatFit(actors, template);
          if (expected !== "") expect(buildChatText({ actors, template })).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes one message for a burst of 100,000 people, counting the unnamed", () => {
    const actors = Array.from({ length: 100_000 }, (_, i) => ({ displayName: `viewer${i}` }));
    const text = buildChatText({ actors });
    expect(chatTextLength(text)).toBeLessThanOrEqual(280);
    const named = (text.split(" and ")[0] ?? "").split(", ").length;
    expect(named + Number(/and (\d+) others/.exec(text)?.[1])).toBe(100_000);
  });
});

describe("truncateChatText", () => {
  it("keeps emoji sequences whole when cutting", () => {
    const family = "👨‍👩‍👧‍👦";
    const text = truncateChatText(family.repeat(100), 280);
    expect(chatTextLength(text)).toBeLessThanOrEqual(280);
    expect(text.endsWith(`${family}…`)).toBe(true);
  });

  it("leaves short text alone", () => {
    expect(truncateChatText("hello")).toBe("hello");
  });
});
