import type { LiveDashboard } from "@ext/shared";
import { useT } from "../i18n/i18n-context.tsx";

/**
 * Whether chat works in this channel as far as the EBS has seen ("working", "refused", "untried"), when the
 * last message reached it, and Twitch's last refusal in the EBS's words (the rig's diagnosis in the rig).
 */
export function ChatHealth(props: {
  chat: LiveDashboard["chat"];
  refusal: LiveDashboard["lastRefusal"];
  time: (at: string) => string;
}) {
  const t = useT();
  const { chat, refusal, time } = props;
  return (
    <div className={`status dashboard__chat dashboard__chat--${chat.state}`}>
      <p className="status__title">{t(`dashboard.chat.${chat.state}`)}</p>
      {chat.lastSentAt ? (
        <p className="hint">{t("dashboard.lastSent", { time: time(chat.lastSentAt) })}</p>
      ) : null}
      {refusal ? (
        <>
          <p className="hint">
            {t("dashboard.refusal", {
              call: refusal.call,
              status: String(refusal.status),
              time: time(refusal.at),
            })}
          </p>
          <blockquote className="chat-line dashboard__refusal">{refusal.words}</blockquote>
        </>
      ) : (
        <p className="hint">{t("dashboard.noRefusal")}</p>
      )}
    </div>
  );
}
