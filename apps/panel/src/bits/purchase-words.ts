import type { StatusWords } from "../components/status-words.ts";
import type { Translate } from "../i18n/translate.ts";
import type { PurchaseState } from "./bits-store.ts";

/** What the panel says about the viewer's last purchase, in their language (the shapes a click's status uses). */
export function purchaseWords(purchase: PurchaseState, t: Translate): StatusWords | undefined {
  switch (purchase.status) {
    case "idle":
      return undefined;
    case "confirming":
      return { tone: "progress", title: t("bits.confirming") };
    case "reporting":
    case "queued":
      return { tone: "progress", title: t("bits.thanks") };
    case "sent":
      return { tone: "sent", title: t("bits.sent"), chatText: purchase.text };
    // The hints are the words the panel already has: the channel's chat off, chat hearing of it via Twitch.
    case "chat_off":
      return { tone: "wait", title: t("bits.chatOff.title"), hint: t("chatOff.title") };
    case "pending":
      return { tone: "wait", title: t("bits.pending.title"), hint: t("bits.unreported.hint") };
    case "cancelled":
      return { tone: "wait", title: t("bits.cancelled.title"), hint: t("bits.cancelled.hint") };
    case "unreported":
      return { tone: "wait", title: t("bits.unreported.title"), hint: t("bits.unreported.hint") };
    case "failed":
      return { tone: "failed", title: t("bits.failed.title"), hint: t("bits.failed.hint") };
  }
}
