import { buildChatText } from "@ext/shared";
import type { ActionDelivery, ChatSender } from "../deps.ts";

/** Delivers each action at once: one chat message about one viewer. */
export function createDirectDelivery(chat: ChatSender): ActionDelivery {
  return {
    async deliver({ broadcasterId, actor }) {
      const text = buildChatText({ actors: [actor] });
      await chat.send({ broadcasterId, text });
      return { text };
    },
  };
}
