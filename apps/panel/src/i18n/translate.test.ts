import { describe, expect, it } from "vitest";
import { ALL_CATALOGS } from "../../test/catalogs.ts";
import { type Catalog, createTranslator, placeholdersOf } from "./translate.ts";

const catalog = (messages: Record<string, unknown>) => messages as unknown as Catalog;

describe("createTranslator", () => {
  it("fills placeholders, writing numbers for the locale and strings as they are", () => {
    const t = createTranslator(catalog({ "app.name": "{a} and {n} and {missing}" }), "de");
    expect(t("app.name", { a: "{n}", n: 1234.5 })).toBe("{n} and 1.234,5 and {missing}");
  });

  it("picks the plural form with Intl.PluralRules, falling back to other", () => {
    const t = createTranslator(
      catalog({ "app.name": { one: "{count} Sekunde", other: "{count} Sekunden" } }),
      "de",
    );
    expect(t("app.name", { count: 1 })).toBe("1 Sekunde");
    expect(t("app.name", { count: 2 })).toBe("2 Sekunden");
    const french = createTranslator(catalog({ "app.name": { one: "un", other: "autre" } }), "fr");
    expect(french("app.name", { count: 1_000_000 })).toBe("autre");
  });

  it("words the real catalogues' plurals in French and Japanese", () => {
    const fr = createTranslator(ALL_CATALOGS.fr, "fr");
    expect(fr("error.cooldown.hintSeconds", { count: 1 })).toBe(
      "Vous pourrez en envoyer plus dans 1 seconde.",
    );
    expect(fr("error.cooldown.hintSeconds", { count: 2 })).toBe(
      "Vous pourrez en envoyer plus dans 2 secondes.",
    );
    const ja = createTranslator(ALL_CATALOGS.ja, "ja");
    expect(ja("error.cooldown.hintSeconds", { count: 1 })).toBe("1秒後にまた送れます。");
  });
});

describe("placeholdersOf", () => {
  it("lists a message's placeholders once each, across its plural forms", () => {
    expect(placeholdersOf("{a} {b} {a}")).toEqual(["a", "b"]);
    expect(placeholdersOf({ one: "{count} x", other: "{count} {y}" })).toEqual(["count", "y"]);
    expect(placeholdersOf("no {placeholder here")).toEqual([]);
  });
});
