import type { ConfigCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../pt-BR.ts";

/** Português do Brasil (você). What only the config view says. */
const ptBR: ConfigCatalog = {
  "error.requiredConfiguration.title": "A Twitch não registrou que este canal está configurado.",
  "error.requiredConfiguration.hint":
    "Salve as configurações de novo. Se continuar falhando, verifique se esta versão da extensão está instalada no seu canal.",
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

/** Every message the config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"config"> = { ...viewer, ...ptBR };
export default catalog;
