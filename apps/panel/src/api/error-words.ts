import { isTokenErrorCode } from "@ext/shared";
import type { Translate } from "../i18n/translate.ts";
import type { EbsError } from "./ebs-error.ts";

/** A failure in words a viewer understands: what happened, and what they can do. */
export interface ViewerWords {
  title: string;
  hint: string;
  /** "wait" when nothing is broken and waiting is all it takes (cooldowns, limits). */
  tone?: "error" | "wait";
}

/** The failures with a title and a hint in the catalogues (`error.<name>.title`, `error.<name>.hint`). */
type ErrorWords =
  | "tokenExpired"
  | "chatRefused"
  | "requiredConfiguration"
  | "twitchUnavailable"
  | "chatDisabled"
  | "network"
  | "token"
  | "unknown";

/**
 * Turns an `EbsError` into a sentence in the viewer's language (for a code only the config view's save
 * gets, the streamer's), chosen by its code (never the raw server text).
 */
export function describeError(error: EbsError, t: Translate): ViewerWords {
  const words = (key: ErrorWords): ViewerWords => ({
    title: t(`error.${key}.title`),
    hint: t(`error.${key}.hint`),
  });
  const wait = (key: "rateLimited" | "cooldown"): ViewerWords => {
    const seconds = error.retryAfterSeconds;
    return {
      title: t(`error.${key}.title`),
      hint:
        seconds === undefined
          ? t(`error.${key}.hintLater`)
          : t(`error.${key}.hintSeconds`, { count: Math.max(1, Math.ceil(seconds)) }),
      tone: "wait",
    };
  };
  switch (error.code) {
    case "token_expired":
      return words("tokenExpired");
    case "chat_refused":
      return words("chatRefused");
    case "required_configuration_refused":
      // Answered only to the config view's save, so it speaks to the streamer.
      return words("requiredConfiguration");
    case "twitch_unavailable":
      return words("twitchUnavailable");
    case "twitch_rate_limited":
      return wait("rateLimited");
    case "cooldown":
      return wait("cooldown");
    case "chat_disabled":
      return words("chatDisabled");
    case "network":
      return words("network");
    default:
      return words(isTokenErrorCode(error.code) ? "token" : "unknown");
  }
}
