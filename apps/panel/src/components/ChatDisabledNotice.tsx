import { useT } from "../i18n/i18n-context.tsx";

/**
 * Why the button cannot work on this channel, saying whose choice that is: `permission` when
 * `Twitch.ext.features.isChatEnabled` is false (the streamer has not granted chat, or the extension's chat
 * capability is off: the panel cannot tell which, so it names neither); `streamer` when the broadcaster
 * switched chat messages off in the extension's settings.
 */
export function ChatDisabledNotice({ cause }: { cause: "permission" | "streamer" }) {
  const t = useT();
  return (
    <div className="notice" role="note">
      <p className="notice__title">{t("chatOff.title")}</p>
      <p className="hint">{t(cause === "permission" ? "chatOff.permission" : "chatOff.streamer")}</p>
    </div>
  );
}
