import type { ChatMessage } from "../protocol.ts";
import { rigApi } from "./api.ts";
import { h, timeOf } from "./dom.ts";
import type { UiStore } from "./store.ts";

export interface ChatColumn {
  element: HTMLElement;
  /** A message from the SSE stream; shown when it belongs to the selected channel. */
  receive(message: ChatMessage): void;
  /** Reads the selected channel's chat again (`GET /rig/api/channels/:id/chat`). */
  reload(): Promise<void>;
}

/** The selected channel's chat, as Twitch shows extension messages: the extension's name, then the text. */
export function createChatColumn(store: UiStore): ChatColumn {
  const title = h("span", { class: "column-subtitle" });
  const list = h("ol", { class: "chat-list", "aria-live": "polite" });
  const empty = h("p", { class: "empty-note" }, "No message yet. Click in a panel to send one.");
  const element = h(
    "aside",
    { class: "chat-column", "data-testid": "rig-chat" },
    h("header", { class: "column-header" }, h("h2", {}, "Stream chat"), title),
    // Focusable, so a keyboard can scroll a chat longer than its column (axe: scrollable-region-focusable).
    h(
      "div",
      { class: "chat-scroll", tabindex: 0, role: "region", "aria-label": "Chat messages" },
      empty,
      list,
    ),
  );
  const shown = new Set<string>();

  const renderTitle = () => {
    title.textContent = store.channel()?.displayName ?? store.channelId;
  };

  const add = (message: ChatMessage) => {
    if (shown.has(message.id)) return;
    shown.add(message.id);
    const scroller = list.parentElement;
    const atBottom = !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    list.append(
      h(
        "li",
        { class: "chat-message", "data-testid": "rig-chat-message", "data-message-id": message.id },
        h("span", { class: "chat-time" }, timeOf(message.at)),
        h("span", { class: "chat-badge", title: "Extension" }, "EXT"),
        h("span", { class: "chat-sender" }, message.sender),
        h("span", { class: "chat-colon" }, ": "),
        h("span", { class: "chat-text" }, message.text),
      ),
    );
    empty.hidden = true;
    if (atBottom && scroller) scroller.scrollTop = scroller.scrollHeight;
  };

  const reload = async () => {
    const channelId = store.channelId;
    const { messages } = await rigApi.chat(channelId);
    if (channelId !== store.channelId) return;
    list.replaceChildren();
    shown.clear();
    empty.hidden = false;
    for (const message of messages) add(message);
  };

  store.subscribe((change) => {
    renderTitle();
    if (change === "channel") void reload();
  });
  renderTitle();

  return {
    element,
    receive(message) {
      if (message.channelId === store.channelId) add(message);
    },
    reload,
  };
}
