import type { UserView } from "../protocol.ts";
import { h } from "./dom.ts";

export interface IdPrompt {
  /** Twitch's "share your identity" question over the frame: Allow or Deny. */
  askShare(host: HTMLElement, key: string, viewerName: string, answer: { allow(): void; deny(): void }): void;
  /** Twitch's answer to a logged-out viewer: log in first (the rig lets the developer pick the account). */
  askLogin(host: HTMLElement, key: string, answer: { login(userId: string): void; cancel(): void }): void;
}

/**
 * The dialogs Twitch shows over an extension when it calls `requestIdShare()`, drawn by the rig (the parent
 * page) over the frame, never by the extension: a logged-in viewer is asked to share their identity, a
 * logged-out one to log in. Only one dialog per frame at a time; the first button takes the focus.
 */
export function createIdPrompt(input: { extensionName(): string; viewers(): UserView[] }): IdPrompt {
  const open = (host: HTMLElement, key: string, build: (close: () => void) => HTMLElement[]) => {
    host.querySelector(".id-prompt")?.remove();
    const titleId = `rig-id-prompt-title-${key}`;
    const dialog = h("div", {
      class: "id-prompt",
      role: "dialog",
      "aria-labelledby": titleId,
      "data-testid": `rig-id-prompt-${key}`,
    });
    const close = () => dialog.remove();
    dialog.append(...build(close));
    dialog.querySelector("h3")?.setAttribute("id", titleId);
    host.append(dialog);
    dialog.querySelector<HTMLElement>("button, select")?.focus();
  };

  return {
    askShare(host, key, viewerName, answer) {
      const name = input.extensionName();
      open(host, key, (close) => [
        h("h3", {}, `Share your identity with ${name}?`),
        h(
          "p",
          {},
          `${name} will see the Twitch account of ${viewerName}: its user ID, and through the Twitch API its name.`,
        ),
        h(
          "div",
          { class: "id-prompt-actions" },
          h(
            "button",
            {
              type: "button",
              class: "button button-primary",
              "data-testid": `rig-idshare-allow-${key}`,
              onclick: () => {
                close();
                answer.allow();
              },
            },
            "Allow",
          ),
          h(
            "button",
            {
              type: "button",
              class: "button",
              "data-testid": `rig-idshare-deny-${key}`,
              onclick: () => {
                close();
                answer.deny();
              },
            },
            "Deny",
          ),
        ),
      ]);
    },
    askLogin(host, key, answer) {
      const viewers = input.viewers();
      const select = h(
        "select",
        { class: "select", "data-testid": `rig-login-user-${key}` },
        ...viewers.map((u) => h("option", { value: u.id }, u.displayName)),
      );
      open(host, key, (close) => [
        h("h3", {}, "Log in to share your identity"),
        h(
          "p",
          {},
          "Twitch asks a viewer who is not logged in to log in first; the extension learns nothing.",
        ),
        h("label", { class: "id-prompt-field" }, h("span", {}, "Log in as"), select),
        h(
          "div",
          { class: "id-prompt-actions" },
          h(
            "button",
            {
              type: "button",
              class: "button button-primary",
              "data-testid": `rig-login-${key}`,
              onclick: () => {
                close();
                answer.login(select.value);
              },
            },
            "Log in",
          ),
          h(
            "button",
            {
              type: "button",
              class: "button",
              "data-testid": `rig-login-cancel-${key}`,
              onclick: () => {
                close();
                answer.cancel();
              },
            },
            "Cancel",
          ),
        ),
      ]);
    },
  };
}
