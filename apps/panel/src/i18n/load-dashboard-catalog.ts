import type { Language } from "./languages.ts";
import type { PageCatalog } from "./translate.ts";

/**
 * What the live config view says in one language: each file adds its messages to the viewer's part, which it imports, so
 * no other page loads them.
 */
const CATALOG_FILES: Record<Language, () => Promise<{ default: PageCatalog<"dashboard"> }>> = {
  en: () => import("./catalogs/dashboard/en.ts"),
  de: () => import("./catalogs/dashboard/de.ts"),
  es: () => import("./catalogs/dashboard/es.ts"),
  fr: () => import("./catalogs/dashboard/fr.ts"),
  "pt-BR": () => import("./catalogs/dashboard/pt-BR.ts"),
  ja: () => import("./catalogs/dashboard/ja.ts"),
};

/** Loads the messages of the live config view in `language`. */
export async function loadDashboardCatalog(language: Language): Promise<PageCatalog<"dashboard">> {
  return (await CATALOG_FILES[language]()).default;
}
