import { h } from "./dom.ts";

/** What the confirmation shows: Twitch's dialog names the product, its price and the viewer's balance. */
export interface BitsOffer {
  productName: string;
  cost: number;
  balance: number;
}

export interface BitsPrompt {
  /** Twitch's confirmation: buy the product for its Bits, or cancel. */
  confirm(host: HTMLElement, key: string, offer: BitsOffer, answer: { buy(): void; cancel(): void }): void;
  /** Not enough Bits, the channel cannot take Bits, a logged-out viewer: a message and a Close button. */
  refuse(host: HTMLElement, key: string, input: { title: string; text: string }, close: () => void): void;
  /** `showBitsBalance()`: the viewer's balance over the frame for 1.5 s. */
  balance(host: HTMLElement, key: string, balance: number): void;
}

/**
 * The Bits dialogs Twitch draws over an extension (never the extension itself), drawn by the rig page over
 * the frame: the purchase confirmation, the reasons a purchase cannot happen, the balance. One at a time per
 * frame; the first button takes the focus.
 */
export function createBitsPrompt(): BitsPrompt {
  const open = (host: HTMLElement, key: string, children: (close: () => void) => HTMLElement[]) => {
    host.querySelector(".bits-prompt")?.remove();
    const titleId = `rig-bits-prompt-title-${key}`;
    const dialog = h("div", {
      class: "id-prompt bits-prompt",
      role: "dialog",
      "aria-labelledby": titleId,
      "data-testid": `rig-bits-prompt-${key}`,
    });
    const close = () => dialog.remove();
    dialog.append(...children(close));
    dialog.querySelector("h3")?.setAttribute("id", titleId);
    host.append(dialog);
    dialog.querySelector<HTMLElement>("button")?.focus();
  };
  const button = (testId: string, label: string, onclick: () => void, primary = false) =>
    h(
      "button",
      { type: "button", class: primary ? "button button-primary" : "button", "data-testid": testId, onclick },
      label,
    );

  return {
    confirm(host, key, offer, answer) {
      open(host, key, (close) => [
        h("h3", {}, `${offer.productName} for ${offer.cost} Bits`),
        h("p", {}, `Your balance: ${offer.balance} Bits; after: ${offer.balance - offer.cost}.`),
        h(
          "div",
          { class: "id-prompt-actions" },
          button(
            `rig-bits-confirm-${key}`,
            `Use ${offer.cost} Bits`,
            () => {
              close();
              answer.buy();
            },
            true,
          ),
          button(`rig-bits-cancel-${key}`, "Cancel", () => {
            close();
            answer.cancel();
          }),
        ),
      ]);
    },
    refuse(host, key, input, closed) {
      open(host, key, (close) => [
        h("h3", {}, input.title),
        h("p", {}, input.text),
        h(
          "div",
          { class: "id-prompt-actions" },
          button(`rig-bits-cancel-${key}`, "Close", () => {
            close();
            closed();
          }),
        ),
      ]);
    },
    balance(host, key, balance) {
      host.querySelector(".bits-balance")?.remove();
      const toast = h(
        "div",
        { class: "bits-balance", role: "status", "data-testid": `rig-bits-balance-toast-${key}` },
        `${balance} Bits`,
      );
      host.append(toast);
      setTimeout(() => toast.remove(), 1500);
    },
  };
}
