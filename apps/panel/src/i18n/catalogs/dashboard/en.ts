import type { Message } from "../../translate.ts";
import viewer from "../en.ts";

/** English, what only the live config view says. */
const en = {
  "dashboard.title": "Hype Chat live",
  "dashboard.loading": "Reading this channel's hype.",
  "dashboard.failed": "The extension's server did not give the live hype:",
  "dashboard.allTime": { one: "hype all time", other: "hypes all time" },
  "dashboard.streamLive": "Live since {time}.",
  "dashboard.streamOffline": "Offline. The count is of the stream that started {time}.",
  "dashboard.noStream": "Offline. No stream seen yet.",
  "dashboard.chat.working": "Chat works: the last message reached chat.",
  "dashboard.chat.refused": "Chat is refused: Twitch turned down the last message.",
  "dashboard.chat.untried": "Chat not tried yet: nobody has sent hype.",
  "dashboard.lastSent": "Last message in chat: {time}.",
  "dashboard.refusal": "Twitch's last refusal ({call}, HTTP {status}, {time}):",
  "dashboard.noRefusal": "Twitch has refused nothing so far.",
  "dashboard.noHelper": "Twitch's extension helper did not load. Open this page from your Creator Dashboard.",
} satisfies Record<string, Message>;

export type DashboardKey = keyof typeof en;

/** Every message the live config view shows: the viewer's part and its own. */
export default { ...viewer, ...en };
