const HINTS = {
  /** `Twitch.ext.features.isChatEnabled` is false. */
  permission: "The streamer has not allowed this extension to post in chat.",
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
