import type { ConfigCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../de.ts";

/** Deutsch (du, wie auf Twitch). What only the config view says. */
const de: ConfigCatalog = {
  "error.requiredConfiguration.title": "Twitch hat nicht vermerkt, dass dieser Kanal eingerichtet ist.",
  "error.requiredConfiguration.hint":
    "Speichere die Einstellungen noch einmal. Wenn es weiter scheitert, prüfe, ob diese Version der Erweiterung auf deinem Kanal installiert ist.",
  "config.title": "Einstellungen für Hype Chat",
  "config.loading": "Die Einstellungen dieses Kanals werden geladen.",
  "config.noHelper":
    "Twitchs Erweiterungs-Helper wurde nicht geladen. Öffne diese Seite über dein Creator-Dashboard.",
  "config.chatWithheld.title": "Twitch lässt diese Erweiterung noch nicht in deinem Chat posten.",
  "config.chatWithheld.hint":
    "Erlaube es unter Creator-Dashboard → Erweiterungen → Berechtigungen. Deine Einstellungen bleiben so lange erhalten.",
  "config.chatEnabled": "Hype-Nachrichten im Chat posten",
  "config.message": "Nachricht",
  "config.messageHelp":
    "{placeholders} wird zum Namen des Zuschauers. Höchstens {max} Zeichen mit dem längsten Namen. Der Chat liest die Nachricht so, wie du sie schreibst, egal welche Sprache die Zuschauer nutzen.",
  "config.useDefault": "Standard verwenden",
  "config.preview": "Vorschau",
  "config.previewChatOff": "Chat-Nachrichten sind aus: Es wird nichts gepostet.",
  "config.save": "Speichern",
  "config.saveAgain": "Erneut speichern",
  "config.saved": "Gespeichert",
  "config.unsaved": "Ungespeicherte Änderungen",
  "config.saveFailed": "Twitch hat die Einstellungen nicht übernommen: {error}",
  "config.inUse": "Aktiv: Die nächste Chat-Nachricht folgt diesen Einstellungen.",
  "config.later": "Gespeichert. Die Erweiterung verwendet diese Einstellungen innerhalb einer Minute.",
  "template.empty": "Die Nachricht ist leer: Schreib, was im Chat stehen soll.",
  "template.unknownPlaceholder":
    "{placeholder} ist kein Platzhalter, den diese Erweiterung kennt: Verwende {known}.",
  "template.tooLong": {
    one: "Zu lang: Mit einem Namen aus {nameMax} Zeichen hat die Nachricht {length} Zeichen, Twitch erlaubt {max}. Entferne {count} Zeichen.",
    other:
      "Zu lang: Mit einem Namen aus {nameMax} Zeichen hat die Nachricht {length} Zeichen, Twitch erlaubt {max}. Entferne {count} Zeichen.",
  },
  "preview.named": "Ein Zuschauer, der seine Identität geteilt hat",
  "preview.anonymous": "Ein Zuschauer, der das nicht getan hat",
  "preview.several": "Mehrere auf einmal",
  "preview.longest": "Der längste Name ({count} Zeichen)",
};

/** Every message the config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"config"> = { ...viewer, ...de };
export default catalog;
