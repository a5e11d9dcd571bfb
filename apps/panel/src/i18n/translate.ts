import type { MessageKey } from "./catalogs/en.ts";

/** A message with a form per plural category (`one`, `few`, `many`, `other`...); `other` is required. */
export type PluralMessage = { readonly other: string } & {
  readonly [category in Intl.LDMLPluralRule]?: string;
};

/** A message: text with `{name}` placeholders, or plural forms chosen by the `count` value. */
export type Message = string | PluralMessage;

/** Every message of one language, under the same keys as the English catalogue. */
export type Catalog = Readonly<Record<MessageKey, Message>>;

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
 * with `Intl.NumberFormat`. A value that is a string is inserted as it is (never read for placeholders).
 */
export function createTranslator(catalog: Catalog, locale: string): Translate {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return (key, values = {}) => {
    const message = catalog[key];
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
