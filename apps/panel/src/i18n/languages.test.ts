import { describe, expect, it } from "vitest";
import { chooseLanguage, formattingLocale, matchLanguage } from "./languages.ts";

describe("matchLanguage", () => {
  it.each([
    ["en", "en"],
    ["de", "de"],
    ["de-AT", "de"],
    ["DE_de", "de"],
    ["es-MX", "es"],
    ["fr-CA", "fr"],
    ["ja-JP", "ja"],
    ["pt-BR", "pt-BR"],
    ["pt-br", "pt-BR"],
    ["pt", "pt-BR"],
    ["pt-PT", "pt-BR"],
  ])("reads %s as %s", (tag, language) => {
    expect(matchLanguage(tag)).toBe(language);
  });

  it.each([undefined, null, "", "  ", "ko", "zh-CN", "english"])("speaks no language for %j", (tag) => {
    expect(matchLanguage(tag)).toBeUndefined();
  });
});

describe("chooseLanguage", () => {
  it("takes the context's language over the query's, once it has arrived", () => {
    expect(chooseLanguage({ contextLanguage: "ja", locale: "de-DE", language: "de" })).toBe("ja");
    expect(chooseLanguage({ contextLanguage: undefined, locale: "de-DE", language: "de" })).toBe("de");
  });

  it("takes the locale before the language, and skips a language it does not speak", () => {
    expect(chooseLanguage({ locale: "pt-BR", language: "en" })).toBe("pt-BR");
    expect(chooseLanguage({ contextLanguage: "ko", locale: "ko-KR", language: "fr" })).toBe("fr");
  });

  it("falls back to English when Twitch names no language it speaks", () => {
    expect(chooseLanguage({})).toBe("en");
    expect(chooseLanguage({ contextLanguage: "ko", locale: "ko-KR", language: "ko" })).toBe("en");
  });
});

describe("formattingLocale", () => {
  it("writes numbers for the viewer's region when the locale is of the chosen language", () => {
    expect(formattingLocale("de", "de-CH")).toBe("de-CH");
    expect(formattingLocale("pt-BR", "pt_BR")).toBe("pt-BR");
    expect(formattingLocale("de", "en-US")).toBe("de");
    expect(formattingLocale("fr", null)).toBe("fr");
  });
});
