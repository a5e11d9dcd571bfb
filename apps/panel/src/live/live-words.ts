import type { LiveHyper, LiveState } from "@ext/shared";
import type { MessageKey } from "../i18n/catalogs/en.ts";
import type { Translate } from "../i18n/translate.ts";

/** What the stream count counts: this stream, the last one (offline), or everything (no stream seen yet). */
export function streamCountLabel(state: LiveState): MessageKey {
  if (state.stream.live) return "live.count.stream";
  return state.stream.startedAt === null ? "live.count.total" : "live.count.lastStream";
}

/** A hyper as every panel names them: the name chat showed, or a neutral word for an anonymous viewer. */
export function hyperName(hyper: LiveHyper, t: Translate): string {
  return hyper.displayName ?? t("live.someone");
}
