import { useT } from "../i18n/i18n-context.tsx";

/**
 * Shown until Twitch's helper authorizes the page (or when the helper never loaded): the panel and the
 * config view say the same thing with their own hint.
 */
export function WaitingForTwitch({ hint }: { hint: string }) {
  const t = useT();
  return (
    <section className="waiting" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p className="waiting__title">{t("waiting.title")}</p>
      <p className="hint">{hint}</p>
    </section>
  );
}
