import { describe, expect, it } from "vitest";
import { actionRequestSchema } from "../api/schemas.ts";
import { DEFAULT_CHAT_TEMPLATE } from "../chat/text.ts";
import { DEFAULT_BROADCASTER_SETTINGS } from "../settings/broadcaster-settings.ts";
import { ACTION_KINDS, actionKinds, chatTemplateFor } from "./action-kinds.ts";

describe("action kinds", () => {
  it("accepts every kind the rules know, and only those", () => {
    for (const kind of actionKinds) {
      expect(actionRequestSchema.safeParse({ action: kind }).success).toBe(true);
    }
    expect(actionRequestSchema.safeParse({ action: "cheer" }).success).toBe(false);
    expect(actionRequestSchema.safeParse({ action: "hype", extra: 1 }).success).toBe(false);
    expect(actionRequestSchema.safeParse({}).success).toBe(false);
  });

  it("writes hype with the broadcaster's template, or the default when no settings were read", () => {
    const settings = { ...DEFAULT_BROADCASTER_SETTINGS, template: "{viewer} hyped!" };
    expect(chatTemplateFor("hype", settings)).toBe("{viewer} hyped!");
    expect(chatTemplateFor("hype", undefined)).toBe(DEFAULT_CHAT_TEMPLATE);
    expect(ACTION_KINDS.hype.coalesce).toBe(true);
  });
});
