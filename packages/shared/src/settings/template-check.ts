import { CHAT_PLACEHOLDERS } from "../chat/text.ts";
import {
  chatTemplateProblem,
  DISPLAY_NAME_MAX,
  type TemplateCheck,
  type TemplateProblem,
} from "./broadcaster-settings.ts";

// Apart from `broadcaster-settings.ts` so the viewer's pages, which only read the settings, do not ship these
// English sentences.

function reasonFor(problem: TemplateProblem): string {
  switch (problem.code) {
    case "empty":
      return "The message is empty: write what chat should read.";
    case "unknown_placeholder":
      return `${problem.placeholder} is not a placeholder this extension knows: use ${CHAT_PLACEHOLDERS.join(", ")}.`;
    case "too_long":
      return `Too long: with a ${DISPLAY_NAME_MAX}-character name the message has ${problem.length} characters, and Twitch allows ${problem.max}. Remove ${problem.length - problem.max}.`;
  }
}

/**
 * Whether a chat template can be used (see `chatTemplateProblem`), with the reason in English when it
 * cannot.
 */
export function validateChatTemplate(template: string): TemplateCheck {
  const problem = chatTemplateProblem(template);
  return problem === undefined ? { ok: true } : { ok: false, reason: reasonFor(problem), ...problem };
}
