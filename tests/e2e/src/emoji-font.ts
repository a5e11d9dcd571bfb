import { ensureSystemPackage, type SystemPackage } from "@ext/test-kit/system-packages";

const EMOJI_FONT: SystemPackage = {
  name: "The Noto Color Emoji font",
  neededFor: "without it the screenshots show emoji (the panel's, the chat's) as empty boxes",
  aptPackage: "fonts-noto-color-emoji",
  candidates: [
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/google-noto-color-emoji-fonts/NotoColorEmoji.ttf",
    "/usr/share/fonts/google-noto-emoji/NotoColorEmoji.ttf",
    "/System/Library/Fonts/Apple Color Emoji.ttc",
  ],
  elsewhere: "other Linux: your distribution's Noto Color Emoji font package (macOS has its own emoji font)",
};

/**
 * The colour emoji font the screenshots need, so that they show emoji as viewers see them: found, installed
 * with apt-get as root, else an error that says how to install it (the browser tests then fail, never skip).
 */
export function ensureEmojiFont(): Promise<string> {
  return ensureSystemPackage(EMOJI_FONT);
}
