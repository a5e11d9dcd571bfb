import type { MessageKey } from "../i18n/catalogs/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useGrowths } from "./use-grew.ts";

/**
 * A count and what it counts ("12 hypes this stream"), the number large; it pops briefly each time it grows
 * (not under `prefers-reduced-motion`: see styles.css). Read in that order, it is one phrase in every language.
 */
export function LiveCount({ count, label }: { count: number; label: MessageKey }) {
  const { t, locale } = useI18n();
  const growths = useGrowths(count);
  return (
    <p className="live__count">
      <span key={growths} className={growths > 0 ? "live__number live__number--grew" : "live__number"}>
        {new Intl.NumberFormat(locale).format(count)}
      </span>{" "}
      <span className="live__label">{t(label, { count })}</span>
    </p>
  );
}
