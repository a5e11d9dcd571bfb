import { useEffect } from "react";
import type { TwitchTheme } from "../twitch/types.ts";

/**
 * Puts the page's title (in the viewer's language) and theme on the document, so the whole frame, not
 * only the view's box, has the theme's background and colour scheme.
 */
export function useDocumentAttributes({ title, theme }: { title: string; theme: TwitchTheme }): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
