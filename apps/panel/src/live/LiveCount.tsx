import { useRef } from "react";
import type { MessageKey } from "../i18n/catalogs/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * A count and what it counts ("12 hypes this stream"), the number large; once it differs from the count the
 * view opened with, each new value pops in briefly (the key restarts the animation; none under
 * `prefers-reduced-motion`: see styles.css). Read in that order, it is one phrase in every language.
 */
export function LiveCount({ count, label }: { count: number; label: MessageKey }) {
  const { t, locale } = useI18n();
  const first = useRef(count);
  return (
    <p className="live__count">
      <span key={count} className={`live__number${count === first.current ? "" : " live__number--grew"}`}>
        {count.toLocaleString(locale)}
      </span>{" "}
      <span className="live__label">{t(label, { count })}</span>
    </p>
  );
}
