import { useSendAction } from "../hooks/use-send-action.ts";
import { useBroadcasterSettings, useChatEnabled } from "../hooks/use-twitch.ts";
import { ChatDisabledNotice } from "./ChatDisabledNotice.tsx";
import { HypeButton } from "./HypeButton.tsx";
import { HypeStatus } from "./HypeStatus.tsx";
import { IdShareLink } from "./IdShareLink.tsx";

/** The ready panel: the button, what happened to the last click, and the identity-share offer. */
export function HypePanel({ token }: { token: string }) {
  const chatEnabled = useChatEnabled();
  const settings = useBroadcasterSettings();
  const { state, blocked, secondsLeft, send } = useSendAction("hype");
  const offCause =
    chatEnabled === false ? "permission" : settings?.chatEnabled === false ? "streamer" : undefined;
  const chatOff = offCause !== undefined;
  const busy = state.status === "sending" || state.status === "refreshing" || state.status === "queued";

  return (
    <section className="hype">
      <p className="hype__intro">Cheer the stream on: one click posts a hype message in chat.</p>
      {offCause ? <ChatDisabledNotice cause={offCause} /> : null}
      <HypeButton onClick={send} disabled={chatOff || busy || blocked} busy={busy} />
      {/* With chat off, an earlier "sent" is history, but a click still on its way keeps its status. */}
      {chatOff && state.status === "sent" ? null : <HypeStatus state={state} secondsLeft={secondsLeft} />}
      <IdShareLink token={token} />
    </section>
  );
}
