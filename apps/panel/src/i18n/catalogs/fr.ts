import type { Catalog } from "../translate.ts";

/** Français (vous ; espace insécable avant « : » et « ! »). */
const fr: Catalog = {
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
  "error.requiredConfiguration.title": "Twitch n'a pas enregistré que cette chaîne est configurée.",
  "error.requiredConfiguration.hint":
    "Enregistrez à nouveau les paramètres. Si l'échec persiste, vérifiez que cette version de l'extension est installée sur votre chaîne.",
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

  "config.title": "Paramètres de Hype Chat",
  "config.loading": "Chargement des paramètres de cette chaîne.",
  "config.noHelper":
    "L'assistant d'extension de Twitch ne s'est pas chargé. Ouvrez cette page depuis votre tableau de bord du créateur.",
  "config.chatWithheld.title": "Twitch ne laisse pas encore cette extension publier dans votre chat.",
  "config.chatWithheld.hint":
    "Autorisez-la dans Tableau de bord du créateur → Extensions → Autorisations. Vos paramètres sont conservés en attendant.",
  "config.chatEnabled": "Publier des messages de hype dans le chat",
  "config.message": "Message",
  "config.messageHelp":
    "{placeholders} devient le nom du spectateur. Au plus {max} caractères avec le nom le plus long. Le chat lit le message tel que vous l'écrivez, quelle que soit la langue de chaque spectateur.",
  "config.useDefault": "Utiliser le message par défaut",
  "config.preview": "Aperçu",
  "config.previewChatOff": "Les messages de chat sont désactivés : rien ne sera publié.",
  "config.save": "Enregistrer",
  "config.saveAgain": "Enregistrer à nouveau",
  "config.saved": "Enregistré",
  "config.unsaved": "Modifications non enregistrées",
  "config.saveFailed": "Twitch n'a pas accepté les paramètres : {error}",
  "config.inUse": "En service : le prochain message de chat suit ces paramètres.",
  "config.later": "Enregistré. L'extension utilisera ces paramètres d'ici une minute.",
  "template.empty": "Le message est vide : écrivez ce que le chat doit lire.",
  "template.unknownPlaceholder":
    "{placeholder} n'est pas un espace réservé connu de cette extension : utilisez {known}.",
  "template.tooLong": {
    one: "Trop long : avec un nom de {nameMax} caractères, le message fait {length} caractères, et Twitch en autorise {max}. Retirez {count} caractère.",
    many: "Trop long : avec un nom de {nameMax} caractères, le message fait {length} caractères, et Twitch en autorise {max}. Retirez {count} de caractères.",
    other:
      "Trop long : avec un nom de {nameMax} caractères, le message fait {length} caractères, et Twitch en autorise {max}. Retirez {count} caractères.",
  },
  "preview.named": "Un spectateur qui a partagé son identité",
  "preview.anonymous": "Un spectateur qui ne l'a pas fait",
  "preview.several": "Plusieurs à la fois",
  "preview.longest": "Le nom le plus long ({count} caractères)",
};

export default fr;
