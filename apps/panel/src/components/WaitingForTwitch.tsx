/**
 * Shown until Twitch's helper authorizes the page (or when the helper never loaded): the panel and the
 * config view say the same thing with their own hint.
 */
export function WaitingForTwitch({ hint }: { hint: string }) {
  return (
    <section className="waiting" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p className="waiting__title">Waiting for Twitch…</p>
      <p className="hint">{hint}</p>
    </section>
  );
}
