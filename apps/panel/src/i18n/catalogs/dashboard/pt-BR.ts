import type { DashboardCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../pt-BR.ts";

/** Português do Brasil (você). What only the live config view says. */
const ptBR: DashboardCatalog = {
  "dashboard.title": "Hype Chat ao vivo",
  "dashboard.loading": "Lendo o hype deste canal.",
  "dashboard.failed": "O servidor da extensão não deu o hype ao vivo:",
  "dashboard.allTime": { one: "hype no total", many: "de hypes no total", other: "hypes no total" },
  "dashboard.streamLive": "Ao vivo desde {time}.",
  "dashboard.streamOffline": "Offline. A contagem é da live que começou: {time}.",
  "dashboard.noStream": "Offline. Nenhuma live vista ainda.",
  "dashboard.chat.working": "O chat funciona: a última mensagem chegou ao chat.",
  "dashboard.chat.refused": "Chat recusado: a Twitch recusou a última mensagem.",
  "dashboard.chat.untried": "Chat ainda não testado: ninguém enviou hype.",
  "dashboard.lastSent": "Última mensagem no chat: {time}.",
  "dashboard.refusal": "Última recusa da Twitch ({call}, HTTP {status}, {time}):",
  "dashboard.noRefusal": "A Twitch não recusou nada até agora.",
  "dashboard.noHelper":
    "O auxiliar de extensões da Twitch não carregou. Abra esta página pelo seu Painel do criador.",
};

/** Every message the live config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"dashboard"> = { ...viewer, ...ptBR };
export default catalog;
