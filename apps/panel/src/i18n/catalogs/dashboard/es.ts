import type { DashboardCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../es.ts";

/** Español (tú). What only the live config view says. */
const es: DashboardCatalog = {
  "dashboard.title": "Hype Chat en directo",
  "dashboard.loading": "Leyendo el hype de este canal.",
  "dashboard.failed": "El servidor de la extensión no dio el hype en directo:",
  "dashboard.allTime": { one: "hype en total", many: "de hypes en total", other: "hypes en total" },
  "dashboard.streamLive": "En directo desde las {time}.",
  "dashboard.streamOffline": "Sin conexión. Se cuenta el directo que empezó: {time}.",
  "dashboard.noStream": "Sin conexión. Aún no se ha visto ningún directo.",
  "dashboard.chat.working": "El chat funciona: el último mensaje llegó al chat.",
  "dashboard.chat.refused": "Chat rechazado: Twitch rechazó el último mensaje.",
  "dashboard.chat.untried": "Chat aún sin probar: nadie ha enviado hype.",
  "dashboard.lastSent": "Último mensaje en el chat: {time}.",
  "dashboard.refusal": "Último rechazo de Twitch ({call}, HTTP {status}, {time}):",
  "dashboard.noRefusal": "Twitch no ha rechazado nada hasta ahora.",
  "dashboard.noHelper":
    "No se cargó el asistente de extensiones de Twitch. Abre esta página desde tu panel de control del creador.",
};

/** Every message the live config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"dashboard"> = { ...viewer, ...es };
export default catalog;
