import type { ViewerCatalog } from "../translate.ts";

/** Deutsch (du, wie auf Twitch). */
const de: ViewerCatalog = {
  "app.name": "Hype Chat",
  "waiting.title": "Warte auf Twitch…",
  "waiting.connecting": "Dieses Panel wird mit dem Kanal verbunden.",
  "waiting.noHelper":
    "Twitchs Erweiterungs-Helper wurde nicht geladen. Öffne dieses Panel auf einem Twitch-Kanal.",

  "panel.documentTitle": "Hype senden",
  "panel.intro": "Feuere den Stream an: Ein Klick postet eine Hype-Nachricht im Chat.",
  "mobile.intro": "Feuere den Stream an: Einmal tippen postet eine Hype-Nachricht im Chat.",
  "hype.button": "Hype senden",
  "hype.sending": "Dein Hype wird gesendet…",
  "hype.queued": "In der Warteschlange: Dein Hype kommt gleich in den Chat…",
  "hype.sent": "Im Chat gepostet!",
  "hype.again": "Du kannst wieder Hype senden.",
  "chatOff.title": "Chat-Nachrichten sind für diesen Kanal ausgeschaltet.",
  "chatOff.permission": "Twitch lässt diese Erweiterung gerade nicht im Chat dieses Kanals posten.",
  "chatOff.streamer": "Der Streamer hat Hype-Nachrichten vorerst ausgeschaltet.",
  "idShare.calledAs": "Im Chat heißt du „{name}“.",
  "idShare.button": "Meinen Namen im Chat zeigen",

  "bits.title": "Bits einsetzen",
  "bits.cost": { one: "{count} Bit", other: "{count} Bits" },
  "bits.confirming": "Bestätige den Kauf im Fenster von Twitch …",
  "bits.thanks": "Danke! Gleich erfährt der Chat von deinen Bits …",
  "bits.sent": "Im Chat angekündigt!",
  "bits.cancelled.title": "Kauf abgebrochen.",
  "bits.cancelled.hint": "Es wurden keine Bits ausgegeben.",
  "bits.unreported.title": "Deine Bits sind angekommen, aber der Server der Erweiterung antwortet nicht.",
  "bits.unreported.hint":
    "Der Chat erfährt davon, sobald Twitch den Server informiert. Kauf nicht noch einmal.",
  "bits.chatOff.title": "Danke für deine Bits!",
  "bits.pending.title": "Danke! Twitch bestätigt gerade deinen Kauf.",
  "bits.failed.title": "Die Erweiterung konnte deinen Kauf nicht ankündigen.",
  "bits.failed.hint":
    "Kauf nicht noch einmal: Twitch speichert den Kauf, und der Streamer kann die Erweiterung prüfen.",
  "bits.note": {
    one: "{viewer} hat {count} Bit gecheert: {product}",
    other: "{viewer} hat {count} Bits gecheert: {product}",
  },

  "error.tokenExpired.title": "Deine Twitch-Sitzung für dieses Panel ist abgelaufen.",
  "error.tokenExpired.hint": "Lade die Seite neu, um eine neue zu bekommen, und versuch es dann noch einmal.",
  "error.chatRefused.title": "Twitch hat die Erweiterung nicht im Chat posten lassen.",
  "error.chatRefused.hint":
    "Der Streamer kann die Einrichtung der Erweiterung und die Chat-Berechtigung prüfen.",
  "error.twitchUnavailable.title": "Twitch antwortet gerade nicht.",
  "error.twitchUnavailable.hint": "Bitte versuch es gleich noch einmal.",
  "error.rateLimited.title": "Der Chat ist ausgelastet: Dieser Kanal hat Twitchs Nachrichtenlimit erreicht.",
  "error.rateLimited.hintSeconds": {
    one: "Versuch es in {count} Sekunde noch einmal.",
    other: "Versuch es in {count} Sekunden noch einmal.",
  },
  "error.rateLimited.hintLater": "Versuch es in einer Weile noch einmal.",
  "error.cooldown.title": "Der Hype kühlt ab.",
  "error.cooldown.hintSeconds": {
    one: "Du kannst in {count} Sekunde mehr senden.",
    other: "Du kannst in {count} Sekunden mehr senden.",
  },
  "error.cooldown.hintLater": "Du kannst in einer Weile mehr senden.",
  "error.chatDisabled.title": "Chat-Nachrichten sind für diesen Kanal ausgeschaltet.",
  "error.chatDisabled.hint": "Der Streamer hat den Chat für diese Erweiterung nicht aktiviert.",
  "error.network.title": "Der Server der Erweiterung ist nicht erreichbar.",
  "error.network.hint": "Prüfe deine Verbindung und versuch es noch einmal.",
  "error.token.title": "Twitch konnte nicht bestätigen, dass du es bist.",
  "error.token.hint": "Lade die Seite neu und versuch es noch einmal.",
  "error.unknown.title": "Bei uns ist etwas schiefgelaufen.",
  "error.unknown.hint": "Dein Hype wurde nicht gesendet. Bitte versuch es später noch einmal.",

  "live.count.stream": { one: "Hype in diesem Stream", other: "Hypes in diesem Stream" },
  "live.count.lastStream": { one: "Hype im letzten Stream", other: "Hypes im letzten Stream" },
  "live.count.total": { one: "Hype bisher", other: "Hypes bisher" },
  "live.latest": "Zuletzt Hype von",
  "live.someone": "Jemand",
  "live.first": "Noch kein Hype: Sei die erste Person!",
};

export default de;
