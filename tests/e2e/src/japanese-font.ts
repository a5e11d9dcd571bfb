import { ensureSystemPackage, type SystemPackage } from "@ext/test-kit/system-packages";

const JAPANESE_FONT: SystemPackage = {
  name: "A Japanese font (IPAGothic)",
  neededFor: "without it the screenshots of the Japanese views show their text as empty boxes",
  aptPackage: "fonts-ipafont-gothic",
  candidates: [
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
  ],
  elsewhere: "other Linux: your distribution's IPA Gothic or Noto Sans CJK font package (macOS has its own)",
};

/**
 * A font with Japanese glyphs, so that the screenshots of the Japanese views show the text a Japanese viewer
 * reads: found, installed with apt-get as root, else an error that says how to install it.
 */
export function ensureJapaneseFont(): Promise<string> {
  return ensureSystemPackage(JAPANESE_FONT);
}
