import type { ViewerCatalog } from "../translate.ts";

/** Português do Brasil (você). */
const ptBR: ViewerCatalog = {
  "app.name": "Hype Chat",
  "waiting.title": "Aguardando a Twitch…",
  "waiting.connecting": "Conectando este painel ao canal.",
  "waiting.noHelper":
    "O auxiliar de extensões da Twitch não carregou. Abra este painel em um canal da Twitch.",

  "panel.documentTitle": "Enviar hype",
  "panel.intro": "Anime a live: um clique publica uma mensagem de hype no chat.",
  "mobile.intro": "Anime a live: um toque publica uma mensagem de hype no chat.",
  "hype.button": "Enviar hype",
  "hype.sending": "Enviando seu hype…",
  "hype.queued": "Na fila: seu hype chega ao chat em um instante…",
  "hype.sent": "Enviado ao chat!",
  "hype.again": "Você já pode enviar hype de novo.",
  "chatOff.title": "As mensagens no chat estão desativadas neste canal.",
  "chatOff.permission": "A Twitch não está permitindo que esta extensão publique no chat deste canal agora.",
  "chatOff.streamer": "O streamer desativou as mensagens de hype por enquanto.",
  "idShare.calledAs": "O chat chama você de “{name}”.",
  "idShare.button": "Mostrar meu nome no chat",

  "bits.title": "Usar Bits",
  "bits.cost": { one: "{count} Bit", many: "{count} de Bits", other: "{count} Bits" },
  "bits.confirming": "Confirme a compra na janela da Twitch…",
  "bits.thanks": "Obrigado! O chat fica sabendo dos seus Bits em instantes…",
  "bits.sent": "Anunciado no chat!",
  "bits.cancelled.title": "Compra cancelada.",
  "bits.cancelled.hint": "Nenhum Bit foi gasto.",
  "bits.unreported.title": "Seus Bits foram enviados, mas o servidor da extensão não responde.",
  "bits.unreported.hint":
    "O chat fica sabendo quando a Twitch avisar o servidor. Não precisa comprar de novo.",
  "bits.chatOff.title": "Obrigado pelos seus Bits!",
  "bits.pending.title": "Obrigado! A Twitch está confirmando sua compra.",
  "bits.failed.title": "A extensão não conseguiu anunciar sua compra.",
  "bits.failed.hint":
    "Não precisa comprar de novo: a Twitch guarda o registro, e o streamer pode verificar a extensão.",
  "bits.note": {
    one: "{viewer} mandou {count} Bit: {product}",
    many: "{viewer} mandou {count} de Bits: {product}",
    other: "{viewer} mandou {count} Bits: {product}",
  },

  "error.tokenExpired.title": "Sua sessão da Twitch neste painel expirou.",
  "error.tokenExpired.hint": "Recarregue a página para obter uma nova e tente de novo.",
  "error.chatRefused.title": "A Twitch não deixou a extensão publicar no chat.",
  "error.chatRefused.hint": "O streamer pode verificar a configuração da extensão e a permissão de chat.",
  "error.twitchUnavailable.title": "A Twitch não está respondendo agora.",
  "error.twitchUnavailable.hint": "Tente de novo em instantes.",
  "error.rateLimited.title": "O chat está cheio: este canal atingiu o limite de mensagens da Twitch.",
  "error.rateLimited.hintSeconds": {
    one: "Tente de novo em {count} segundo.",
    many: "Tente de novo em {count} de segundos.",
    other: "Tente de novo em {count} segundos.",
  },
  "error.rateLimited.hintLater": "Tente de novo daqui a pouco.",
  "error.cooldown.title": "O hype está esfriando.",
  "error.cooldown.hintSeconds": {
    one: "Você pode enviar mais em {count} segundo.",
    many: "Você pode enviar mais em {count} de segundos.",
    other: "Você pode enviar mais em {count} segundos.",
  },
  "error.cooldown.hintLater": "Você pode enviar mais daqui a pouco.",
  "error.chatDisabled.title": "As mensagens no chat estão desativadas neste canal.",
  "error.chatDisabled.hint": "O streamer não ativou o chat para esta extensão.",
  "error.network.title": "Não foi possível acessar o servidor da extensão.",
  "error.network.hint": "Verifique sua conexão e tente de novo.",
  "error.token.title": "A Twitch não conseguiu confirmar que é você.",
  "error.token.hint": "Recarregue a página e tente de novo.",
  "error.unknown.title": "Algo deu errado do nosso lado.",
  "error.unknown.hint": "Seu hype não foi enviado. Tente de novo mais tarde.",

  "live.count.stream": { one: "hype nesta live", many: "de hypes nesta live", other: "hypes nesta live" },
  "live.count.lastStream": {
    one: "hype na última live",
    many: "de hypes na última live",
    other: "hypes na última live",
  },
  "live.count.total": { one: "hype até agora", many: "de hypes até agora", other: "hypes até agora" },
  "live.latest": "Último hype de",
  "live.someone": "Alguém",
  "live.first": "Nenhum hype ainda: seja o primeiro!",
};

export default ptBR;
