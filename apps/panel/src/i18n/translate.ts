import type { ConfigKey } from "./catalogs/config/en.ts";
import type { DashboardKey } from "./catalogs/dashboard/en.ts";
import type { MessageKey, ViewerKey } from "./catalogs/en.ts";

/** A message with a form per plural category (`one`, `few`, `many`, `other`...); `other` is required. */
export type PluralMessage = { readonly other: string } & {
  readonly [category in Intl.LDMLPluralRule]?: string;
};

/** A message: text with `{name}` placeholders, or plural forms chosen by the `count` value. */
export type Message = string | PluralMessage;

/** Every message of one language, under the same keys as the English catalogue. */
export type Catalog = Readonly<Record<MessageKey, Message>>;
/** The part of a language every page needs; the viewer's pages load only this. */
export type ViewerCatalog = Readonly<Record<ViewerKey, Message>>;
/** The part only the config view needs. */
export type ConfigCatalog = Readonly<Record<ConfigKey, Message>>;
/** The part only the live config view needs. */
export type DashboardCatalog = Readonly<Record<DashboardKey, Message>>;
/** What the config view or the live config view loads: the viewer's part and its own. */
export type PageCatalog<Page extends "config" | "dashboard"> = ViewerCatalog &
  (Page extends "config" ? ConfigCatalog : DashboardCatalog);
/** What a page loaded: the viewer's part of a catalogue, with the page's own part or not, or all of it. */
export type LoadedCatalog = ViewerCatalog | PageCatalog<"config"> | PageCatalog<"dashboard"> | Catalog;

/** Values for a message's placeholders; numbers are formatted for the locale. `count` picks the plural form. */
export type MessageValues = Readonly<Record<string, string | number>>;

export type Translate = (key: MessageKey, values?: MessageValues) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders of a message's text, in order (every plural form's, for a plural message). */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === "string" ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "")))];
}

/**
 * Words `catalog`'s messages for `locale`: plural forms chosen with `Intl.PluralRules`, numbers written
 * with `Intl.NumberFormat`. A value that is a string is inserted as it is (never read for placeholders). A
 * key the page did not load (a streamer's message on a viewer's page) is shown as the key.
 */
export function createTranslator(catalog: LoadedCatalog, locale: string): Translate {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const messages: Partial<Catalog> = catalog;
  return (key, values = {}) => {
    const message = messages[key];
    if (message === undefined) return key;
    const text =
      typeof message === "string"
        ? message
        : (message[plurals.select(Number(values.count ?? 0))] ?? message.other);
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numbers.format(value) : value;
    });
  };
}
