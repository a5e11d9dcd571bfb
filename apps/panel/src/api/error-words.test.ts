import { apiErrorCodes, tokenErrorCodes } from "@ext/shared";
import { describe, expect, it } from "vitest";
import { ALL_CATALOGS } from "../../test/catalogs.ts";
import { createTranslator } from "../i18n/translate.ts";
import { clientErrorCodes, EbsError } from "./ebs-error.ts";
import { describeError } from "./error-words.ts";

const english = createTranslator(ALL_CATALOGS.en, "en");
const words = (code: EbsError["code"], retryAfterSeconds?: number, t = english) =>
  describeError(new EbsError({ code, message: "raw server text", retryAfterSeconds }), t);

describe("viewer words for errors", () => {
  it.each([...apiErrorCodes, ...clientErrorCodes])(
    "has a title and a hint for %s, never the raw text",
    (code) => {
      const { title, hint } = words(code);
      expect(title.length).toBeGreaterThan(0);
      expect(hint.length).toBeGreaterThan(0);
      expect(`${title} ${hint}`).not.toContain("raw server text");
    },
  );

  it("words a code the panel was built without (a newer EBS's) as the unknown failure", () => {
    expect(words("a_code_from_a_newer_ebs")).toEqual(words("internal"));
    expect(words("a_code_from_a_newer_ebs").title).toBe(english("error.unknown.title"));
  });

  it("tells the viewer to reload for every token problem other than expiry", () => {
    for (const code of tokenErrorCodes.filter((c) => c !== "token_expired")) {
      expect(words(code).title).toBe("Twitch couldn't confirm it's you.");
    }
  });

  it("tells the streamer to save again when Twitch refused the required configuration", () => {
    const { title, hint } = words("required_configuration_refused");
    expect(title).toBe("Twitch did not record that this channel is configured.");
    expect(hint).toMatch(/^Save the settings again\./);
    expect(hint).toMatch(/extension version is installed/);
  });

  it("counts a wait of one second in the singular and rounds fractions up", () => {
    expect(words("cooldown", 1).hint).toBe("You can send more in 1 second.");
    expect(words("twitch_rate_limited", 2.2).hint).toBe("Try again in 3 seconds.");
    expect(words("cooldown").hint).toBe("You can send more in a little while.");
  });

  it("marks waits as waits, not failures", () => {
    expect(words("cooldown", 5).tone).toBe("wait");
    expect(words("twitch_rate_limited", 5).tone).toBe("wait");
    expect(words("chat_refused").tone).toBeUndefined();
  });

  it("words a wait in the viewer's language, with its plural and number", () => {
    const german = createTranslator(ALL_CATALOGS.de, "de");
    const french = createTranslator(ALL_CATALOGS.fr, "fr");
    const japanese = createTranslator(ALL_CATALOGS.ja, "ja");
    expect(words("cooldown", 1, german).hint).toBe("Du kannst in 1 Sekunde mehr senden.");
    expect(words("cooldown", 5, german)).toMatchObject({ title: "Der Hype kühlt ab.", tone: "wait" });
    expect(words("cooldown", 5, german).hint).toBe("Du kannst in 5 Sekunden mehr senden.");
    expect(words("twitch_rate_limited", 1_000_000, french).hint).toBe(
      "Réessayez dans 1\u202f000\u202f000 de secondes.",
    );
    expect(words("cooldown", 3, japanese).hint).toBe("3秒後にまた送れます。");
  });
});
