import type { ConfigCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../fr.ts";

/** Français (vous ; espace insécable avant « : » et « ! »). What only the config view says. */
const fr: ConfigCatalog = {
  "error.requiredConfiguration.title": "Twitch n'a pas enregistré que cette chaîne est configurée.",
  "error.requiredConfiguration.hint":
    "Enregistrez à nouveau les paramètres. Si l'échec persiste, vérifiez que cette version de l'extension est installée sur votre chaîne.",
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

/** Every message the config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"config"> = { ...viewer, ...fr };
export default catalog;
