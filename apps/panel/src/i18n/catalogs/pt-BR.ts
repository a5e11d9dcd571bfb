import type { Catalog } from "../translate.ts";

/** Português do Brasil (você). */
const ptBR: Catalog = {
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
  "error.requiredConfiguration.title": "A Twitch não registrou que este canal está configurado.",
  "error.requiredConfiguration.hint":
    "Salve as configurações de novo. Se continuar falhando, verifique se esta versão da extensão está instalada no seu canal.",
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

  "config.title": "Configurações do Hype Chat",
  "config.loading": "Carregando as configurações deste canal.",
  "config.noHelper":
    "O auxiliar de extensões da Twitch não carregou. Abra esta página pelo seu Painel do criador.",
  "config.chatWithheld.title": "A Twitch ainda não permite que esta extensão publique no seu chat.",
  "config.chatWithheld.hint":
    "Permita em Painel do criador → Extensões → Permissões. Suas configurações ficam guardadas enquanto isso.",
  "config.chatEnabled": "Publicar mensagens de hype no chat",
  "config.message": "Mensagem",
  "config.messageHelp":
    "{placeholders} vira o nome do espectador. No máximo {max} caracteres com o nome mais longo. O chat lê a mensagem como você a escreve, seja qual for o idioma de cada espectador.",
  "config.useDefault": "Usar o padrão",
  "config.preview": "Prévia",
  "config.previewChatOff": "As mensagens no chat estão desativadas: nada será publicado.",
  "config.save": "Salvar",
  "config.saveAgain": "Salvar de novo",
  "config.saved": "Salvo",
  "config.unsaved": "Alterações não salvas",
  "config.saveFailed": "A Twitch não aceitou as configurações: {error}",
  "config.inUse": "Em uso: a próxima mensagem no chat segue estas configurações.",
  "config.later": "Salvo. A extensão usará estas configurações em até um minuto.",
  "template.empty": "A mensagem está vazia: escreva o que o chat deve ler.",
  "template.unknownPlaceholder": "{placeholder} não é um marcador que esta extensão conhece: use {known}.",
  "template.tooLong": {
    one: "Longa demais: com um nome de {nameMax} caracteres a mensagem tem {length} caracteres, e a Twitch permite {max}. Remova {count} caractere.",
    many: "Longa demais: com um nome de {nameMax} caracteres a mensagem tem {length} caracteres, e a Twitch permite {max}. Remova {count} de caracteres.",
    other:
      "Longa demais: com um nome de {nameMax} caracteres a mensagem tem {length} caracteres, e a Twitch permite {max}. Remova {count} caracteres.",
  },
  "preview.named": "Um espectador que compartilhou a identidade",
  "preview.anonymous": "Um espectador que não compartilhou",
  "preview.several": "Vários ao mesmo tempo",
  "preview.longest": "O nome mais longo ({count} caracteres)",
};

export default ptBR;
