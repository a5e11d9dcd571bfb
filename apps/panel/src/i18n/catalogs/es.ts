import type { ViewerCatalog } from "../translate.ts";

/** Español (tú). */
const es: ViewerCatalog = {
  "app.name": "Hype Chat",
  "waiting.title": "Esperando a Twitch…",
  "waiting.connecting": "Conectando este panel con el canal.",
  "waiting.noHelper":
    "No se cargó el asistente de extensiones de Twitch. Abre este panel en un canal de Twitch.",

  "panel.documentTitle": "Enviar hype",
  "panel.intro": "Anima el stream: un clic publica un mensaje de hype en el chat.",
  "mobile.intro": "Anima el stream: un toque publica un mensaje de hype en el chat.",
  "hype.button": "Enviar hype",
  "hype.sending": "Enviando tu hype…",
  "hype.queued": "En cola: tu hype llega al chat en un momento…",
  "hype.sent": "¡Enviado al chat!",
  "hype.again": "Ya puedes enviar hype de nuevo.",
  "chatOff.title": "Los mensajes de chat están desactivados en este canal.",
  "chatOff.permission": "Twitch no permite ahora que esta extensión publique en el chat de este canal.",
  "chatOff.streamer": "El streamer ha desactivado los mensajes de hype por ahora.",
  "idShare.calledAs": "En el chat te llaman «{name}».",
  "idShare.button": "Mostrar mi nombre en el chat",

  "bits.title": "Usar Bits",
  "bits.cost": { one: "{count} Bit", many: "{count} de Bits", other: "{count} Bits" },
  "bits.confirming": "Confirma la compra en la ventana de Twitch…",
  "bits.thanks": "¡Gracias! El chat sabrá de tus Bits en un momento…",
  "bits.sent": "¡Anunciado en el chat!",
  "bits.cancelled.title": "Compra cancelada.",
  "bits.cancelled.hint": "No se gastó ningún Bit.",
  "bits.unreported.title": "Tus Bits se enviaron, pero el servidor de la extensión no responde.",
  "bits.unreported.hint": "El chat lo sabrá cuando Twitch avise al servidor. No hace falta comprar otra vez.",
  "bits.chatOff.title": "¡Gracias por tus Bits!",
  "bits.pending.title": "¡Gracias! Twitch está confirmando tu compra.",
  "bits.failed.title": "La extensión no pudo anunciar tu compra.",
  "bits.failed.hint":
    "No hace falta comprar otra vez: Twitch guarda el registro y el streamer puede revisar la extensión.",
  "bits.note": {
    one: "{viewer} animó con {count} Bit: {product}",
    many: "{viewer} animó con {count} de Bits: {product}",
    other: "{viewer} animó con {count} Bits: {product}",
  },

  "error.tokenExpired.title": "Tu sesión de Twitch para este panel ha caducado.",
  "error.tokenExpired.hint": "Recarga la página para obtener una nueva y vuelve a intentarlo.",
  "error.chatRefused.title": "Twitch no dejó que la extensión publicara en el chat.",
  "error.chatRefused.hint":
    "El streamer puede revisar la configuración de la extensión y el permiso de chat.",
  "error.twitchUnavailable.title": "Twitch no responde en este momento.",
  "error.twitchUnavailable.hint": "Vuelve a intentarlo en un momento.",
  "error.rateLimited.title": "El chat está saturado: este canal alcanzó el límite de mensajes de Twitch.",
  "error.rateLimited.hintSeconds": {
    one: "Vuelve a intentarlo en {count} segundo.",
    many: "Vuelve a intentarlo en {count} de segundos.",
    other: "Vuelve a intentarlo en {count} segundos.",
  },
  "error.rateLimited.hintLater": "Vuelve a intentarlo dentro de un rato.",
  "error.cooldown.title": "El hype se está enfriando.",
  "error.cooldown.hintSeconds": {
    one: "Podrás enviar más en {count} segundo.",
    many: "Podrás enviar más en {count} de segundos.",
    other: "Podrás enviar más en {count} segundos.",
  },
  "error.cooldown.hintLater": "Podrás enviar más dentro de un rato.",
  "error.chatDisabled.title": "Los mensajes de chat están desactivados en este canal.",
  "error.chatDisabled.hint": "El streamer no ha activado el chat para esta extensión.",
  "error.network.title": "No se puede conectar con el servidor de la extensión.",
  "error.network.hint": "Comprueba tu conexión y vuelve a intentarlo.",
  "error.token.title": "Twitch no pudo confirmar que eres tú.",
  "error.token.hint": "Recarga la página y vuelve a intentarlo.",
  "error.unknown.title": "Algo salió mal por nuestra parte.",
  "error.unknown.hint": "Tu hype no se envió. Vuelve a intentarlo más tarde.",

  "live.count.stream": {
    one: "hype en este directo",
    many: "de hypes en este directo",
    other: "hypes en este directo",
  },
  "live.count.lastStream": {
    one: "hype en el último directo",
    many: "de hypes en el último directo",
    other: "hypes en el último directo",
  },
  "live.count.total": { one: "hype hasta ahora", many: "de hypes hasta ahora", other: "hypes hasta ahora" },
  "live.latest": "Último hype de",
  "live.someone": "Alguien",
  "live.first": "Aún no hay hype: ¡sé el primero!",
};

export default es;
