import { CHAT_PLACEHOLDERS, DISPLAY_NAME_MAX, type TemplateProblem } from "@ext/shared";
import type { Translate } from "../i18n/translate.ts";

/** Why the template cannot be saved, in the broadcaster's language (from `validateChatTemplate`'s code). */
export function templateProblemWords(problem: TemplateProblem, t: Translate): string {
  switch (problem.code) {
    case "empty":
      return t("template.empty");
    case "unknown_placeholder":
      return t("template.unknownPlaceholder", {
        placeholder: problem.placeholder,
        known: CHAT_PLACEHOLDERS.join(", "),
      });
    case "too_long":
      return t("template.tooLong", {
        nameMax: DISPLAY_NAME_MAX,
        length: problem.length,
        max: problem.max,
        count: problem.length - problem.max,
      });
  }
}
