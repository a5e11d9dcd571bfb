import type { LiveHyper } from "@ext/shared";
import { useId } from "react";
import { kindEmoji } from "../components/action-labels.ts";
import { useT } from "../i18n/i18n-context.tsx";
import { hyperName } from "./live-words.ts";

/** The latest hypers, newest first, by name (a neutral word for anonymous ones); `time` adds when. */
export function RecentHypers({ recent, time }: { recent: LiveHyper[]; time?: (at: string) => string }) {
  const t = useT();
  const id = useId();
  if (recent.length === 0) return <p className="hint">{t("live.first")}</p>;
  return (
    <div className="live__recent">
      <p id={id} className="live__recent-title">
        {t("live.latest")}
      </p>
      <ul className="live__hypers" aria-labelledby={id}>
        {recent.map((hyper, index) => (
          <li
            // One chat message can name several anonymous viewers at the same time: only the place tells
            // them apart, and the items hold no state.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
            key={index}
            className="live__hyper"
          >
            <span aria-hidden="true">{kindEmoji(hyper.kind)}</span> {hyperName(hyper, t)}
            {time ? <span className="live__time"> {time(hyper.at)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
