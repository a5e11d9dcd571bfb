import { actionKinds } from "@ext/shared";
import { BitsBlock } from "../bits/BitsBlock.tsx";
import { useBroadcasterSettings, useChatEnabled } from "../hooks/use-twitch.ts";
import { useT } from "../i18n/i18n-context.tsx";
import { ActionControl } from "./ActionControl.tsx";
import type { View } from "./App.tsx";
import { isViewerActionKind } from "./action-labels.ts";
import { ChatDisabledNotice } from "./ChatDisabledNotice.tsx";
import { IdShareLink } from "./IdShareLink.tsx";
import { LiveHype } from "./LiveHype.tsx";

/**
 * The ready panel: the channel's live hype, a button for every kind of action (in `actionKinds` order),
 * what happened to the last click on each, and the identity-share offer.
 */
export function ActionPanel({ token, view }: { token: string; view: View }) {
  const t = useT();
  const chatEnabled = useChatEnabled();
  const settings = useBroadcasterSettings();
  const offCause =
    chatEnabled === false ? "permission" : settings?.chatEnabled === false ? "streamer" : undefined;

  return (
    <section className="hype">
      <p className="hype__intro">{t(view === "mobile" ? "mobile.intro" : "panel.intro")}</p>
      <LiveHype />
      {offCause ? <ChatDisabledNotice cause={offCause} /> : null}
      {actionKinds.filter(isViewerActionKind).map((kind) => (
        <ActionControl key={kind} kind={kind} chatOff={offCause !== undefined} />
      ))}
      <BitsBlock />
      <IdShareLink token={token} />
    </section>
  );
}
