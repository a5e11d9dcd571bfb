/** Shown when `Twitch.ext.features.isChatEnabled` is false: the button cannot work on this channel. */
export function ChatDisabledNotice() {
  return (
    <div className="notice" role="note">
      <p className="notice__title">Chat messages are turned off for this channel.</p>
      <p className="hint">The streamer has not allowed this extension to post in chat.</p>
    </div>
  );
}
