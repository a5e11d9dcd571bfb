import type { DashboardCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../fr.ts";

/** Français (vous ; espace insécable avant « : » et « ! »). What only the live config view says. */
const fr: DashboardCatalog = {
  "dashboard.title": "Hype Chat en direct",
  "dashboard.loading": "Lecture du hype de cette chaîne.",
  "dashboard.failed": "Le serveur de l'extension n'a pas donné le hype en direct :",
  "dashboard.allTime": { one: "hype au total", many: "de hypes au total", other: "hypes au total" },
  "dashboard.streamLive": "En live depuis {time}.",
  "dashboard.streamOffline": "Hors ligne. Le compte est celui du live commencé : {time}.",
  "dashboard.noStream": "Hors ligne. Aucun live vu pour l'instant.",
  "dashboard.chat.working": "Le chat fonctionne : le dernier message est arrivé dans le chat.",
  "dashboard.chat.refused": "Chat refusé : Twitch a refusé le dernier message.",
  "dashboard.chat.untried": "Chat pas encore essayé : personne n'a envoyé de hype.",
  "dashboard.lastSent": "Dernier message dans le chat : {time}.",
  "dashboard.refusal": "Dernier refus de Twitch ({call}, HTTP {status}, {time}) :",
  "dashboard.noRefusal": "Twitch n'a rien refusé jusqu'ici.",
  "dashboard.noHelper":
    "L'assistant d'extension de Twitch ne s'est pas chargé. Ouvrez cette page depuis votre tableau de bord du créateur.",
};

/** Every message the live config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"dashboard"> = { ...viewer, ...fr };
export default catalog;
