import type { Message } from "../translate.ts";
import type { ConfigKey } from "./config/en.ts";
import type { DashboardKey } from "./dashboard/en.ts";

/**
 * English, what every page says (the viewer's pages load only this part): the reference catalogue. With the
 * config view's part (`config/en.ts`) and the live config view's (`dashboard/en.ts`) its keys are every key;
 * each other language has exactly these keys and, in each message, the same `{placeholders}` (checked by
 * `catalogs.test.ts`).
 */
const en = {
  "app.name": "Hype Chat",
  "waiting.title": "Waiting for Twitch…",
  "waiting.connecting": "Connecting this panel to the channel.",
  "waiting.noHelper": "Twitch's extension helper did not load. Open this panel on a Twitch channel.",

  "panel.documentTitle": "Send hype",
  "panel.intro": "Cheer the stream on: one click posts a hype message in chat.",
  "mobile.intro": "Cheer the stream on: one tap posts a hype message in chat.",
  "hype.button": "Send hype",
  "hype.sending": "Sending your hype…",
  "hype.queued": "Queued: your hype goes to chat in a moment…",
  "hype.sent": "Sent to chat!",
  "hype.again": "You can send hype again.",
  "chatOff.title": "Chat messages are turned off for this channel.",
  "chatOff.permission": "Twitch does not let this extension post in this channel's chat right now.",
  "chatOff.streamer": "The streamer switched hype messages off for now.",
  "idShare.calledAs": "Chat calls you “{name}”.",
  "idShare.button": "Show my name in chat",

  "bits.title": "Use Bits",
  "bits.cost": { one: "{count} Bit", other: "{count} Bits" },
  "bits.confirming": "Confirm the purchase in Twitch's window…",
  "bits.thanks": "Thank you! Chat hears of your Bits in a moment…",
  "bits.sent": "Announced in chat!",
  "bits.cancelled.title": "Purchase cancelled.",
  "bits.cancelled.hint": "No Bits were spent.",
  "bits.unreported.title": "Your Bits went through, but the extension's server is not answering.",
  "bits.unreported.hint": "Chat still hears of it once Twitch tells the server. No need to buy again.",
  "bits.chatOff.title": "Thank you for your Bits!",
  "bits.pending.title": "Thank you! Twitch is confirming your purchase.",
  "bits.failed.title": "The extension could not announce your purchase.",
  "bits.failed.hint":
    "No need to buy again: Twitch keeps the record, and the streamer can check the extension.",
  "bits.note": {
    one: "{viewer} cheered {count} Bit: {product}",
    other: "{viewer} cheered {count} Bits: {product}",
  },

  "error.tokenExpired.title": "Your Twitch session for this panel expired.",
  "error.tokenExpired.hint": "Reload the page to get a fresh one, then try again.",
  "error.chatRefused.title": "Twitch did not let the extension post in chat.",
  "error.chatRefused.hint": "The streamer can check the extension’s setup and chat permission.",
  "error.twitchUnavailable.title": "Twitch is not answering right now.",
  "error.twitchUnavailable.hint": "Please try again in a moment.",
  "error.rateLimited.title": "Chat is busy: this channel reached Twitch's message limit.",
  "error.rateLimited.hintSeconds": {
    one: "Try again in {count} second.",
    other: "Try again in {count} seconds.",
  },
  "error.rateLimited.hintLater": "Try again in a little while.",
  "error.cooldown.title": "Hype is cooling down.",
  "error.cooldown.hintSeconds": {
    one: "You can send more in {count} second.",
    other: "You can send more in {count} seconds.",
  },
  "error.cooldown.hintLater": "You can send more in a little while.",
  "error.chatDisabled.title": "Chat messages are turned off for this channel.",
  "error.chatDisabled.hint": "The streamer has not enabled chat for this extension.",
  "error.network.title": "Can't reach the extension's server.",
  "error.network.hint": "Check your connection and try again.",
  "error.token.title": "Twitch couldn't confirm it's you.",
  "error.token.hint": "Reload the page and try again.",
  "error.unknown.title": "Something went wrong on our side.",
  "error.unknown.hint": "Your hype was not sent. Please try again later.",

  "live.count.stream": { one: "hype this stream", other: "hypes this stream" },
  "live.count.lastStream": { one: "hype last stream", other: "hypes last stream" },
  "live.count.total": { one: "hype so far", other: "hypes so far" },
  "live.latest": "Latest hype from",
  "live.someone": "Someone",
  "live.first": "No hype yet: be the first!",
} satisfies Record<string, Message>;

/** A message of the viewer's pages. */
export type ViewerKey = keyof typeof en;
/** Any message of any page. */
export type MessageKey = ViewerKey | ConfigKey | DashboardKey;

export default en;
