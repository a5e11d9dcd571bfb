import type { Plugin } from "vite";

/** Where Twitch requires every extension page to load its Extension Helper from. */
export const TWITCH_HELPER_CDN_URL = "https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js";

/** Replaces the CDN helper URL in `html` with `helperUrl`; without one the page is returned as it was. */
export function rewriteHelperUrl(html: string, helperUrl: string | undefined): string {
  if (!helperUrl) return html;
  return html.replaceAll(`src="${TWITCH_HELPER_CDN_URL}"`, `src="${helperUrl}"`);
}

/**
 * Development only (`apply: "serve"`): loads the Extension Helper from `helperUrl` (the rig's stand-in)
 * instead of Twitch's CDN. Production builds never run it, so `dist/index.html` keeps Twitch's URL.
 */
export function twitchHelperDevUrl(options: { helperUrl?: string | undefined }): Plugin {
  return {
    name: "ext:twitch-helper-dev-url",
    apply: "serve",
    transformIndexHtml: {
      order: "pre",
      handler: (html) => rewriteHelperUrl(html, options.helperUrl),
    },
  };
}
