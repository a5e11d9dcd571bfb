import type { Plugin } from "vite";

/** Where Twitch requires every extension page to load its Extension Helper from. */
export const TWITCH_HELPER_CDN_URL = "https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js";

const helperTag = (src: string) => `<script src="${src}"></script>`;

/** Replaces the CDN helper URL in `html` with `helperUrl`; without one the page is returned as it was. */
export function rewriteHelperUrl(html: string, helperUrl: string | undefined): string {
  if (!helperUrl) return html;
  return html.replaceAll(helperTag(TWITCH_HELPER_CDN_URL), helperTag(helperUrl));
}

/** Moves the helper's script tag to the top of `<head>`, ahead of anything the dev server injected. */
export function hoistHelperScript(html: string, src: string): string {
  const tag = helperTag(src);
  if (!html.includes(tag)) return html;
  const without = html.replace(new RegExp(`[ \\t]*${tag.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\n?`), "");
  return without.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`);
}

/**
 * Development only (`apply: "serve"`): loads the Extension Helper from `helperUrl` (the rig's stand-in)
 * instead of Twitch's CDN, and keeps it the first script even after the dev server's own injections
 * (React refresh, the Vite client), as Twitch requires. Production builds never run it, so
 * `dist/index.html` keeps Twitch's URL.
 */
export function twitchHelperDevUrl(options: { helperUrl?: string | undefined }): Plugin {
  const src = options.helperUrl || TWITCH_HELPER_CDN_URL;
  return {
    name: "ext:twitch-helper-dev-url",
    apply: "serve",
    transformIndexHtml: {
      order: "post",
      handler: (html) => hoistHelperScript(rewriteHelperUrl(html, options.helperUrl), src),
    },
  };
}
