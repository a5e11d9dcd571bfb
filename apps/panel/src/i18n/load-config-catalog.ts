import type { Language } from "./languages.ts";
import type { PageCatalog } from "./translate.ts";

/**
 * What the config view says in one language: each file adds its messages to the viewer's part, which it imports, so
 * no other page loads them.
 */
const CATALOG_FILES: Record<Language, () => Promise<{ default: PageCatalog<"config"> }>> = {
  en: () => import("./catalogs/config/en.ts"),
  de: () => import("./catalogs/config/de.ts"),
  es: () => import("./catalogs/config/es.ts"),
  fr: () => import("./catalogs/config/fr.ts"),
  "pt-BR": () => import("./catalogs/config/pt-BR.ts"),
  ja: () => import("./catalogs/config/ja.ts"),
};

/** Loads the messages of the config view in `language`. */
export async function loadConfigCatalog(language: Language): Promise<PageCatalog<"config">> {
  return (await CATALOG_FILES[language]()).default;
}
