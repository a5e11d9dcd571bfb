import de from "../src/i18n/catalogs/de.ts";
import en from "../src/i18n/catalogs/en.ts";
import es from "../src/i18n/catalogs/es.ts";
import fr from "../src/i18n/catalogs/fr.ts";
import ja from "../src/i18n/catalogs/ja.ts";
import ptBR from "../src/i18n/catalogs/pt-BR.ts";
import type { Language } from "../src/i18n/languages.ts";
import type { Catalog } from "../src/i18n/translate.ts";

/** Every catalogue, imported at once: tests render in any language without waiting for a chunk. */
export const ALL_CATALOGS: Record<Language, Catalog> = { en, de, es, fr, "pt-BR": ptBR, ja };
