import { usePanelDeps } from "../hooks/panel-deps.tsx";

/** Shown until Twitch's helper authorizes the panel (or when the helper never loaded). */
export function WaitingForTwitch() {
  const helperLoaded = usePanelDeps().twitch !== undefined;
  return (
    <section className="waiting" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p className="waiting__title">Waiting for Twitch…</p>
      <p className="hint">
        {helperLoaded
          ? "Connecting this panel to the channel."
          : "Twitch's extension helper did not load. Open this panel on a Twitch channel."}
      </p>
    </section>
  );
}
