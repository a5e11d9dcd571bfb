import type { TwitchExt } from "./types.ts";

/** The Extension Helper if its script loaded, else `undefined` (the panel then waits for Twitch). */
export function findTwitchExt(win: Window = window): TwitchExt | undefined {
  return win.Twitch?.ext;
}
