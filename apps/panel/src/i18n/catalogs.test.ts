import { describe, expect, it } from "vitest";
import { ALL_CATALOGS } from "../../test/catalogs.ts";
import { LANGUAGES } from "./languages.ts";
import { type Message, placeholdersOf } from "./translate.ts";

const english = ALL_CATALOGS.en;
const keys = Object.keys(english).sort();
const others = LANGUAGES.filter((language) => language !== "en");
const texts = (message: Message) => (typeof message === "string" ? [message] : Object.values(message));

/** Messages that are rightly the same as in English: the product's name, and words the languages share. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ["app.name", "config.message"],
  de: ["app.name", "bits.cost"],
};

describe("the message catalogues", () => {
  it("has one catalogue for every language, English first", () => {
    expect(Object.keys(ALL_CATALOGS).sort()).toEqual([...LANGUAGES].sort());
    expect(LANGUAGES[0]).toBe("en");
  });

  it.each(others)("%s has exactly the English keys", (language) => {
    expect(Object.keys(ALL_CATALOGS[language]).sort()).toEqual(keys);
  });

  it.each(LANGUAGES)("%s keeps every message's placeholders, in every plural form", (language) => {
    const catalog = ALL_CATALOGS[language];
    for (const key of keys as Array<keyof typeof english>) {
      const wanted = placeholdersOf(english[key]).sort();
      for (const text of texts(catalog[key])) {
        expect(placeholdersOf(text).sort(), `${language} ${key}: ${text}`).toEqual(wanted);
        expect(text, `${language} ${key} has an unbalanced brace`).not.toMatch(/\{[^}]*$|^[^{]*\}/);
      }
    }
  });

  it.each(LANGUAGES)("%s has the plural forms its language needs, and only those", (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
    const catalog = ALL_CATALOGS[language];
    for (const key of keys as Array<keyof typeof english>) {
      const message = catalog[key];
      const englishIsPlural = typeof english[key] !== "string";
      expect(typeof message !== "string", `${language} ${key}: plural in English, plural here`).toBe(
        englishIsPlural,
      );
      if (typeof message !== "string")
        expect(Object.keys(message).sort(), `${language} ${key}`).toEqual(categories);
    }
  });

  it.each(others)(
    "%s is translated: no empty message, none left in English but the shared words",
    (language) => {
      const catalog = ALL_CATALOGS[language];
      const untranslated = keys.filter(
        (key) =>
          JSON.stringify(catalog[key as keyof typeof english]) ===
          JSON.stringify(english[key as keyof typeof english]),
      );
      expect(untranslated).toEqual(SAME_AS_ENGLISH[language] ?? ["app.name"]);
      for (const key of keys) {
        for (const text of texts(catalog[key as keyof typeof english])) expect(text.trim(), key).not.toBe("");
      }
    },
  );
});
