import deConfig from "../src/i18n/catalogs/config/de.ts";
import enConfig from "../src/i18n/catalogs/config/en.ts";
import esConfig from "../src/i18n/catalogs/config/es.ts";
import frConfig from "../src/i18n/catalogs/config/fr.ts";
import jaConfig from "../src/i18n/catalogs/config/ja.ts";
import ptBRConfig from "../src/i18n/catalogs/config/pt-BR.ts";
import deDashboard from "../src/i18n/catalogs/dashboard/de.ts";
import enDashboard from "../src/i18n/catalogs/dashboard/en.ts";
import esDashboard from "../src/i18n/catalogs/dashboard/es.ts";
import frDashboard from "../src/i18n/catalogs/dashboard/fr.ts";
import jaDashboard from "../src/i18n/catalogs/dashboard/ja.ts";
import ptBRDashboard from "../src/i18n/catalogs/dashboard/pt-BR.ts";
import type { Language } from "../src/i18n/languages.ts";
import type { Catalog } from "../src/i18n/translate.ts";

/**
 * Every language's whole catalogue (the viewer's part, the config view's and the live config view's),
 * imported at once: tests render any page in any language without waiting for a chunk.
 */
export const ALL_CATALOGS: Record<Language, Catalog> = {
  en: { ...enConfig, ...enDashboard },
  de: { ...deConfig, ...deDashboard },
  es: { ...esConfig, ...esDashboard },
  fr: { ...frConfig, ...frDashboard },
  "pt-BR": { ...ptBRConfig, ...ptBRDashboard },
  ja: { ...jaConfig, ...jaDashboard },
};
