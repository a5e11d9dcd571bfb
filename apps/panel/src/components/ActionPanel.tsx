import { actionKinds } from "@ext/shared";
import { useBroadcasterSettings, useChatEnabled } from "../hooks/use-twitch.ts";
import { ActionControl } from "./ActionControl.tsx";
import { ChatDisabledNotice } from "./ChatDisabledNotice.tsx";
import { IdShareLink } from "./IdShareLink.tsx";

/**
 * The ready panel: a button for every kind of action (in `actionKinds` order), what happened to the last
 * click on each, and the identity-share offer.
 */
export function ActionPanel({ token }: { token: string }) {
  const chatEnabled = useChatEnabled();
  const settings = useBroadcasterSettings();
  const offCause =
    chatEnabled === false ? "permission" : settings?.chatEnabled === false ? "streamer" : undefined;

  return (
    <section className="hype">
      <p className="hype__intro">Cheer the stream on: one click posts a hype message in chat.</p>
      {offCause ? <ChatDisabledNotice cause={offCause} /> : null}
      {actionKinds.map((kind) => (
        <ActionControl key={kind} kind={kind} chatOff={offCause !== undefined} />
      ))}
      <IdShareLink token={token} />
    </section>
  );
}
