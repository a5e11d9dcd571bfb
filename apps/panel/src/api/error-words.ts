import { isTokenErrorCode } from "@ext/shared";
import type { EbsError } from "./ebs-error.ts";

/** A failure in words a viewer understands: what happened, and what they can do. */
export interface ViewerWords {
  title: string;
  hint: string;
  /** "wait" when nothing is broken and waiting is all it takes (cooldowns, limits). */
  tone?: "error" | "wait";
}

function inSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return "in a little while";
  const whole = Math.max(1, Math.ceil(seconds));
  return `in ${whole} ${whole === 1 ? "second" : "seconds"}`;
}

const SOMETHING_BROKE: ViewerWords = {
  title: "Something went wrong on our side.",
  hint: "Your hype was not sent. Please try again later.",
};

/**
 * Turns an `EbsError` into a sentence for the viewer (for a code only the config view's save gets, the
 * streamer), chosen by its code (never the raw server text).
 */
export function describeError(error: EbsError): ViewerWords {
  switch (error.code) {
    case "token_expired":
      return {
        title: "Your Twitch session for this panel expired.",
        hint: "Reload the page to get a fresh one, then try again.",
      };
    case "chat_refused":
      return {
        title: "Twitch did not let the extension post in chat.",
        hint: "The streamer can check the extension’s setup and chat permission.",
      };
    case "required_configuration_refused":
      // Answered only to the config view's save, so it speaks to the streamer.
      return {
        title: "Twitch did not record that this channel is configured.",
        hint: "Save the settings again. If it keeps failing, check that this extension version is installed on your channel.",
      };
    case "twitch_unavailable":
      return { title: "Twitch is not answering right now.", hint: "Please try again in a moment." };
    case "twitch_rate_limited":
      return {
        title: "Chat is busy: this channel reached Twitch's message limit.",
        hint: `Try again ${inSeconds(error.retryAfterSeconds)}.`,
        tone: "wait",
      };
    case "cooldown":
      return {
        title: "Hype is cooling down.",
        hint: `You can send more ${inSeconds(error.retryAfterSeconds)}.`,
        tone: "wait",
      };
    case "chat_disabled":
      return {
        title: "Chat messages are turned off for this channel.",
        hint: "The streamer has not enabled chat for this extension.",
      };
    case "network":
      return {
        title: "Can't reach the extension's server.",
        hint: "Check your connection and try again.",
      };
    default:
      if (isTokenErrorCode(error.code)) {
        return {
          title: "Twitch couldn't confirm it's you.",
          hint: "Reload the page and try again.",
        };
      }
      return SOMETHING_BROKE;
  }
}
