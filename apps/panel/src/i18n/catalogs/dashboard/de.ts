import type { DashboardCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../de.ts";

/** Deutsch (du, wie auf Twitch). What only the live config view says. */
const de: DashboardCatalog = {
  "dashboard.title": "Hype Chat: Live-Ansicht",
  "dashboard.loading": "Der Hype dieses Kanals wird gelesen.",
  "dashboard.failed": "Der Server der Erweiterung hat den Live-Hype nicht geliefert:",
  "dashboard.allTime": { one: "Hype insgesamt", other: "Hypes insgesamt" },
  "dashboard.streamLive": "Live seit {time}.",
  "dashboard.streamOffline": "Offline. Gezählt wird der Stream, der {time} begann.",
  "dashboard.noStream": "Offline. Noch kein Stream gesehen.",
  "dashboard.chat.working": "Chat funktioniert: Die letzte Nachricht kam im Chat an.",
  "dashboard.chat.refused": "Chat abgelehnt: Twitch hat die letzte Nachricht abgewiesen.",
  "dashboard.chat.untried": "Chat noch nicht versucht: Noch niemand hat Hype gesendet.",
  "dashboard.lastSent": "Letzte Nachricht im Chat: {time}.",
  "dashboard.refusal": "Letzte Ablehnung durch Twitch ({call}, HTTP {status}, {time}):",
  "dashboard.noRefusal": "Twitch hat bisher nichts abgelehnt.",
  "dashboard.noHelper":
    "Twitchs Erweiterungs-Helper wurde nicht geladen. Öffne diese Seite über dein Creator-Dashboard.",
};

/** Every message the live config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"dashboard"> = { ...viewer, ...de };
export default catalog;
