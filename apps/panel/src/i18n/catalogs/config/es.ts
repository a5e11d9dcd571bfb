import type { ConfigCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../es.ts";

/** Español (tú). What only the config view says. */
const es: ConfigCatalog = {
  "error.requiredConfiguration.title": "Twitch no registró que este canal está configurado.",
  "error.requiredConfiguration.hint":
    "Guarda la configuración de nuevo. Si sigue fallando, comprueba que esta versión de la extensión está instalada en tu canal.",
  "config.title": "Configuración de Hype Chat",
  "config.loading": "Cargando la configuración de este canal.",
  "config.noHelper":
    "No se cargó el asistente de extensiones de Twitch. Abre esta página desde tu panel de control del creador.",
  "config.chatWithheld.title": "Twitch aún no permite que esta extensión publique en tu chat.",
  "config.chatWithheld.hint":
    "Permítelo en Panel de control del creador → Extensiones → Permisos. Mientras tanto, tu configuración se conserva.",
  "config.chatEnabled": "Publicar mensajes de hype en el chat",
  "config.message": "Mensaje",
  "config.messageHelp":
    "{placeholders} se sustituye por el nombre del espectador. Como máximo {max} caracteres con el nombre más largo. El chat lee el mensaje tal como lo escribes, sea cual sea el idioma de cada espectador.",
  "config.useDefault": "Usar el predeterminado",
  "config.preview": "Vista previa",
  "config.previewChatOff": "Los mensajes de chat están desactivados: no se publicará nada.",
  "config.save": "Guardar",
  "config.saveAgain": "Guardar de nuevo",
  "config.saved": "Guardado",
  "config.unsaved": "Cambios sin guardar",
  "config.saveFailed": "Twitch no aceptó la configuración: {error}",
  "config.inUse": "En uso: el próximo mensaje de chat sigue esta configuración.",
  "config.later": "Guardado. La extensión usará esta configuración en menos de un minuto.",
  "template.empty": "El mensaje está vacío: escribe lo que debe leerse en el chat.",
  "template.unknownPlaceholder": "{placeholder} no es un marcador que esta extensión conozca: usa {known}.",
  "template.tooLong": {
    one: "Demasiado largo: con un nombre de {nameMax} caracteres el mensaje tiene {length} caracteres, y Twitch permite {max}. Quita {count} carácter.",
    many: "Demasiado largo: con un nombre de {nameMax} caracteres el mensaje tiene {length} caracteres, y Twitch permite {max}. Quita {count} de caracteres.",
    other:
      "Demasiado largo: con un nombre de {nameMax} caracteres el mensaje tiene {length} caracteres, y Twitch permite {max}. Quita {count} caracteres.",
  },
  "preview.named": "Un espectador que compartió su identidad",
  "preview.anonymous": "Un espectador que no lo hizo",
  "preview.several": "Varios a la vez",

  "preview.longest": "El nombre más largo ({count} caracteres)",
};

/** Every message the config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"config"> = { ...viewer, ...es };
export default catalog;
