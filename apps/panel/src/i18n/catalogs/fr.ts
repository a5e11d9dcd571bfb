import type { ViewerCatalog } from "../translate.ts";

/** Français (vous ; espace insécable avant « : » et « ! »). */
const fr: ViewerCatalog = {
  "app.name": "Hype Chat",
  "waiting.title": "En attente de Twitch…",
  "waiting.connecting": "Connexion de ce panneau à la chaîne.",
  "waiting.noHelper":
    "L'assistant d'extension de Twitch ne s'est pas chargé. Ouvrez ce panneau sur une chaîne Twitch.",

  "panel.documentTitle": "Envoyer du hype",
  "panel.intro": "Encouragez le stream : un clic publie un message de hype dans le chat.",
  "mobile.intro": "Encouragez le stream : un appui publie un message de hype dans le chat.",
  "hype.button": "Envoyer du hype",
  "hype.sending": "Envoi de votre hype…",
  "hype.queued": "En file d'attente : votre hype arrive dans le chat dans un instant…",
  "hype.sent": "Envoyé dans le chat !",
  "hype.again": "Vous pouvez de nouveau envoyer du hype.",
  "chatOff.title": "Les messages de chat sont désactivés sur cette chaîne.",
  "chatOff.permission":
    "Twitch ne laisse pas cette extension publier dans le chat de cette chaîne pour le moment.",
  "chatOff.streamer": "Le streamer a désactivé les messages de hype pour l'instant.",
  "idShare.calledAs": "Le chat vous appelle « {name} ».",
  "idShare.button": "Afficher mon nom dans le chat",

  "bits.title": "Utiliser des Bits",
  "bits.cost": { one: "{count} Bit", many: "{count} de Bits", other: "{count} Bits" },
  "bits.confirming": "Confirme l’achat dans la fenêtre de Twitch…",
  "bits.thanks": "Merci ! Le chat apprend tes Bits dans un instant…",
  "bits.sent": "Annoncé dans le chat !",
  "bits.cancelled.title": "Achat annulé.",
  "bits.cancelled.hint": "Aucun Bit n’a été dépensé.",
  "bits.unreported.title": "Tes Bits sont passés, mais le serveur de l’extension ne répond pas.",
  "bits.unreported.hint": "Le chat l’apprendra dès que Twitch préviendra le serveur. Inutile de racheter.",
  "bits.chatOff.title": "Merci pour tes Bits !",
  "bits.pending.title": "Merci ! Twitch confirme ton achat.",
  "bits.failed.title": "L’extension n’a pas pu annoncer ton achat.",
  "bits.failed.hint":
    "Inutile de racheter : Twitch garde une trace de l’achat, et le streamer peut vérifier l’extension.",
  "bits.note": {
    one: "{viewer} a encouragé avec {count} Bit : {product}",
    many: "{viewer} a encouragé avec {count} de Bits : {product}",
    other: "{viewer} a encouragé avec {count} Bits : {product}",
  },

  "error.tokenExpired.title": "Votre session Twitch pour ce panneau a expiré.",
  "error.tokenExpired.hint": "Rechargez la page pour en obtenir une nouvelle, puis réessayez.",
  "error.chatRefused.title": "Twitch n'a pas laissé l'extension publier dans le chat.",
  "error.chatRefused.hint":
    "Le streamer peut vérifier la configuration de l'extension et l'autorisation de chat.",
  "error.twitchUnavailable.title": "Twitch ne répond pas pour le moment.",
  "error.twitchUnavailable.hint": "Réessayez dans un instant.",
  "error.rateLimited.title": "Le chat est saturé : cette chaîne a atteint la limite de messages de Twitch.",
  "error.rateLimited.hintSeconds": {
    one: "Réessayez dans {count} seconde.",
    many: "Réessayez dans {count} de secondes.",
    other: "Réessayez dans {count} secondes.",
  },
  "error.rateLimited.hintLater": "Réessayez dans un moment.",
  "error.cooldown.title": "Le hype refroidit.",
  "error.cooldown.hintSeconds": {
    one: "Vous pourrez en envoyer plus dans {count} seconde.",
    many: "Vous pourrez en envoyer plus dans {count} de secondes.",
    other: "Vous pourrez en envoyer plus dans {count} secondes.",
  },
  "error.cooldown.hintLater": "Vous pourrez en envoyer plus dans un moment.",
  "error.chatDisabled.title": "Les messages de chat sont désactivés sur cette chaîne.",
  "error.chatDisabled.hint": "Le streamer n'a pas activé le chat pour cette extension.",
  "error.network.title": "Impossible de joindre le serveur de l'extension.",
  "error.network.hint": "Vérifiez votre connexion et réessayez.",
  "error.token.title": "Twitch n'a pas pu confirmer votre identité.",
  "error.token.hint": "Rechargez la page et réessayez.",
  "error.unknown.title": "Un problème est survenu de notre côté.",
  "error.unknown.hint": "Votre hype n'a pas été envoyé. Réessayez plus tard.",

  "live.count.stream": {
    one: "hype pendant ce live",
    many: "de hypes pendant ce live",
    other: "hypes pendant ce live",
  },
  "live.count.lastStream": {
    one: "hype pendant le dernier live",
    many: "de hypes pendant le dernier live",
    other: "hypes pendant le dernier live",
  },
  "live.count.total": { one: "hype jusqu'ici", many: "de hypes jusqu'ici", other: "hypes jusqu'ici" },
  "live.latest": "Derniers hypes de",
  "live.someone": "Quelqu'un",
  "live.first": "Pas encore de hype : soyez le premier !",
};

export default fr;
