import type { Message } from "../../translate.ts";
import viewer from "../en.ts";

/** English, what only the config view says. */
const en = {
  "error.requiredConfiguration.title": "Twitch did not record that this channel is configured.",
  "error.requiredConfiguration.hint":
    "Save the settings again. If it keeps failing, check that this extension version is installed on your channel.",
  "config.title": "Hype Chat settings",
  "config.loading": "Loading this channel's settings.",
  "config.noHelper": "Twitch's extension helper did not load. Open this page from your Creator Dashboard.",
  "config.chatWithheld.title": "Twitch does not let this extension post in your chat yet.",
  "config.chatWithheld.hint":
    "Allow it under Creator Dashboard → Extensions → Permissions. Your settings are kept meanwhile.",
  "config.chatEnabled": "Post hype messages in chat",
  "config.message": "Message",
  "config.messageHelp":
    "{placeholders} becomes the viewer's name. At most {max} characters with the longest name. Chat reads the message as you write it, whatever language each viewer uses.",
  "config.useDefault": "Use the default",
  "config.preview": "Preview",
  "config.previewChatOff": "Chat messages are off: nothing will be posted.",
  "config.save": "Save",
  "config.saveAgain": "Save again",
  "config.saved": "Saved",
  "config.unsaved": "Unsaved changes",
  "config.saveFailed": "Twitch did not take the settings: {error}",
  "config.inUse": "In use: the next chat message follows these settings.",
  "config.later": "Saved. The extension will use these settings within a minute.",
  "template.empty": "The message is empty: write what chat should read.",
  "template.unknownPlaceholder": "{placeholder} is not a placeholder this extension knows: use {known}.",
  "template.tooLong": {
    one: "Too long: with a {nameMax}-character name the message has {length} characters, and Twitch allows {max}. Remove {count} character.",
    other:
      "Too long: with a {nameMax}-character name the message has {length} characters, and Twitch allows {max}. Remove {count} characters.",
  },
  "preview.named": "A viewer who shared their identity",
  "preview.anonymous": "A viewer who did not",
  "preview.several": "Several at once",
  "preview.longest": "The longest name ({count} characters)",
} satisfies Record<string, Message>;

export type ConfigKey = keyof typeof en;

/** Every message the config view shows: the viewer's part and its own. */
export default { ...viewer, ...en };
