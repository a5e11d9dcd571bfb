import type { Language } from "./languages.ts";
import type { ViewerCatalog } from "./translate.ts";

/**
 * One dynamic import per language: the build makes each catalogue its own small file, and a page loads
 * only the one its viewer reads (the size report counts the largest on top of each page's scripts). This is
 * the viewer's part; the streamer's pages load their part too (`loadConfigCatalog`, `loadDashboardCatalog`).
 */
const CATALOG_FILES: Record<Language, () => Promise<{ default: ViewerCatalog }>> = {
  en: () => import("./catalogs/en.ts"),
  de: () => import("./catalogs/de.ts"),
  es: () => import("./catalogs/es.ts"),
  fr: () => import("./catalogs/fr.ts"),
  "pt-BR": () => import("./catalogs/pt-BR.ts"),
  ja: () => import("./catalogs/ja.ts"),
};

/** Loads the viewer's part of one language's catalogue: what the panel and the mobile view say. */
export async function loadCatalog(language: Language): Promise<ViewerCatalog> {
  return (await CATALOG_FILES[language]()).default;
}
