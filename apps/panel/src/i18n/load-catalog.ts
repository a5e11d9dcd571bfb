import type { Language } from "./languages.ts";
import type { Catalog } from "./translate.ts";

/**
 * One dynamic import per language: the build makes each catalogue its own small file, and a page loads
 * only the one its viewer reads (the size report counts the largest on top of each page's scripts).
 */
const CATALOG_FILES: Record<Language, () => Promise<{ default: Catalog }>> = {
  en: () => import("./catalogs/en.ts"),
  de: () => import("./catalogs/de.ts"),
  es: () => import("./catalogs/es.ts"),
  fr: () => import("./catalogs/fr.ts"),
  "pt-BR": () => import("./catalogs/pt-BR.ts"),
  ja: () => import("./catalogs/ja.ts"),
};

/** Loads one language's catalogue. */
export async function loadCatalog(language: Language): Promise<Catalog> {
  return (await CATALOG_FILES[language]()).default;
}
