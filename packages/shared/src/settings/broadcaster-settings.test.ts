import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChatText } from "../chat/build-text.ts";
import { chatTextLength, DEFAULT_CHAT_TEMPLATE } from "../chat/text.ts";
import { TWITCH } from "../twitch/constants.ts";
import {
  BROADCASTER_SETTINGS_VERSION,
  DEFAULT_BROADCASTER_SETTINGS,
  DISPLAY_NAME_MAX,
  parseBroadcasterSettings,
} from "./broadcaster-settings.ts";
import { savedSettingsAreValid, serializeBroadcasterSettings } from "./saved-settings.ts";
import { validateChatTemplate } from "./template-check.ts";

describe("validateChatTemplate", () => {
  it("accepts the default template and one without any placeholder", () => {
    expect(validateChatTemplate(DEFAULT_CHAT_TEMPLATE)).toEqual({ ok: true });
    expect(validateChatTemplate("Hype incoming!")).toEqual({ ok: true });
  });

  it.each(["", "   ", "\n\t"])("rejects the empty template %j", (template) => {
    expect(validateChatTemplate(template)).toEqual({
      ok: false,
      code: "empty",
      reason: expect.stringMatching(/empty/),
    });
  });

  it.each(["{user} says hi", "{Viewer} says hi", "{viewer} gave {bits} bits", "{} hi"])(
    "rejects %j for its unknown placeholder, naming it",
    (template) => {
      const check = validateChatTemplate(template);
      expect(check.ok).toBe(false);
      const unknown = template.match(/\{(?!viewer\})[^{}\s]*\}/)?.[0] ?? "";
      expect(check.ok === false && check.reason).toContain(`${unknown} is not a placeholder`);
      expect(check).toMatchObject({ code: "unknown_placeholder", placeholder: unknown });
    },
  );

  it("leaves braces that are not placeholders alone", () => {
    expect(validateChatTemplate("{viewer} :-{ ok }")).toEqual({ ok: true });
  });

  it("rejects a template that would pass 280 characters with a 25-character name", () => {
    const fits = `{viewer}${"a".repeat(TWITCH.chatTextMax - DISPLAY_NAME_MAX)}`;
    const over = `${fits}a`;
    expect(validateChatTemplate(fits)).toEqual({ ok: true });
    const check = validateChatTemplate(over);
    expect(check).toEqual({
      ok: false,
      code: "too_long",
      length: 281,
      max: 280,
      reason: expect.stringMatching(/281 characters.*allows 280/),
    });
  });

  it("counts every {viewer} as a full-length name", () => {
    const template = `{viewer} {viewer} ${"a".repeat(TWITCH.chatTextMax - 2 * DISPLAY_NAME_MAX - 1)}`;
    expect(chatTextLength(template.replaceAll("{viewer}", "x".repeat(DISPLAY_NAME_MAX)))).toBe(281);
    expect(validateChatTemplate(template).ok).toBe(false);
  });

  it("counts emoji as Twitch does (code points), not UTF-16 units", () => {
    const template = `{viewer}${"🎉".repeat(TWITCH.chatTextMax - DISPLAY_NAME_MAX)}`;
    expect(validateChatTemplate(template)).toEqual({ ok: true });
  });

  it("accepts only templates that buildChatText fills in whole, with any display name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.stringMatching(/^[A-Za-z0-9_]{1,25}$/), (body, name) => {
        const template = `Go {viewer} ${body}`;
        fc.pre(validateChatTemplate(template).ok);
        const text = buildChatText({ actors: [{ displayName: name }], template });
        expect(text).toBe(template.replaceAll("{viewer}", name));
      }),
    );
  });
});

describe("parseBroadcasterSettings", () => {
  const saved = { version: 1, chatEnabled: false, template: "Thanks {viewer}!" };

  it("reads saved settings", () => {
    expect(parseBroadcasterSettings(JSON.stringify(saved))).toEqual(saved);
  });

  it.each([
    ["absent", undefined],
    ["empty", ""],
    ["not JSON", "{oops"],
    ["JSON null", "null"],
    ["an unknown version", JSON.stringify({ ...saved, version: 2 })],
    ["chatEnabled as a string", JSON.stringify({ ...saved, chatEnabled: "false" })],
    ["missing the template", JSON.stringify({ version: 1, chatEnabled: false })],
  ])("gives the defaults when the content is %s", (_, content) => {
    expect(parseBroadcasterSettings(content)).toEqual(DEFAULT_BROADCASTER_SETTINGS);
  });

  it("keeps the chat switch but uses the default template when the saved one is invalid", () => {
    const content = JSON.stringify({ version: 1, chatEnabled: false, template: "{nope}" });
    expect(parseBroadcasterSettings(content)).toEqual({
      version: 1,
      chatEnabled: false,
      template: DEFAULT_CHAT_TEMPLATE,
    });
  });

  it("drops fields it does not know", () => {
    const content = JSON.stringify({ ...saved, extra: "x" });
    expect(parseBroadcasterSettings(content)).toEqual(saved);
  });
});

describe("serializeBroadcasterSettings", () => {
  it("round-trips through parseBroadcasterSettings", () => {
    const settings = { version: 1 as const, chatEnabled: true, template: "Go {viewer} 🎉" };
    expect(parseBroadcasterSettings(serializeBroadcasterSettings(settings))).toEqual(settings);
  });

  it("stays under Twitch's 5 KB segment limit for the largest valid template", () => {
    const template = "\u{10FFFF}".repeat(TWITCH.chatTextMax);
    expect(validateChatTemplate(template).ok).toBe(true);
    const bytes = new TextEncoder().encode(
      serializeBroadcasterSettings({ version: 1, chatEnabled: true, template }),
    ).length;
    expect(bytes).toBeLessThanOrEqual(TWITCH.configurationContentMax);
  });

  it("uses the segment version '1' that matches the schema's version", () => {
    expect(BROADCASTER_SETTINGS_VERSION).toBe(String(DEFAULT_BROADCASTER_SETTINGS.version));
  });
});

describe("savedSettingsAreValid", () => {
  it("is true only for saved settings of the right shape with a usable template", () => {
    expect(
      savedSettingsAreValid(JSON.stringify({ version: 1, chatEnabled: false, template: "Hi {viewer}" })),
    ).toBe(true);
    expect(savedSettingsAreValid(undefined)).toBe(false);
    expect(savedSettingsAreValid("")).toBe(false);
    expect(savedSettingsAreValid("{not json")).toBe(false);
    expect(savedSettingsAreValid(JSON.stringify({ version: 2, chatEnabled: true, template: "Hi" }))).toBe(
      false,
    );
    expect(
      savedSettingsAreValid(JSON.stringify({ version: 1, chatEnabled: true, template: "Hi {name}" })),
    ).toBe(false);
  });
});
