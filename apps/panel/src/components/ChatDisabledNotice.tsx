const HINTS = {
  /**
   * `Twitch.ext.features.isChatEnabled` is false: the streamer has not granted chat, or the extension's
   * chat capability is off. The panel cannot tell which, so it names neither.
   */
  permission: "Twitch does not let this extension post in this channel's chat right now.",
  /** The broadcaster switched chat messages off in the extension's settings. */
  streamer: "The streamer switched hype messages off for now.",
} as const;

/** Shown when the button cannot work on this channel, saying whose choice that is. */
export function ChatDisabledNotice({ cause }: { cause: keyof typeof HINTS }) {
  return (
    <div className="notice" role="note">
      <p className="notice__title">Chat messages are turned off for this channel.</p>
      <p className="hint">{HINTS[cause]}</p>
    </div>
  );
}
