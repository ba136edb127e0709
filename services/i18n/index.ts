import { da } from './da';
import { en } from './en';
import type { Lang } from '../time';

import type { Widen } from './widen';

export { plain, plainParams } from './plain';

/** The shape every language's catalog has: the Danish one's keys, any strings. */
export type Catalog = Widen<typeof da>;

const catalogs: Record<Lang, Catalog> = { da, en };

export function catalog(lang: Lang): Catalog {
  return catalogs[lang];
}

/** Danish unless the activity's locale says English. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

/** Fills `{name}` placeholders; unknown ones stay visible so a missing param is noticed. */
export function fmt(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The dotted path of every text of a catalog section, e.g. "common.notAllowed". */
type TextKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : T[K] extends readonly string[] ? never : TextKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A text of the catalog by its dotted path: what a refusal names, so a refusal without a text does not compile. */
export type TextKey = TextKeys<Catalog>;

/** The text at a dotted key ("common.notAllowed") in the reader's language, filled. */
export function translate(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return fmt(node as string, params);
}

/** Built once per language: an Intl formatter is costly to construct. British English, as the number formats: no comma before "and". */
const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };
const listFormats = (type: Intl.ListFormatType) =>
  Object.fromEntries(Object.entries(LOCALES).map(([lang, locale]) => [lang, new Intl.ListFormat(locale, { type })])) as Record<Lang, Intl.ListFormat>;
const AND = listFormats('conjunction');
const OR = listFormats('disjunction');

/** "formand, næstformand eller sekretær" */
export const joinOr = (lang: Lang, words: string[]): string => OR[lang].format(words);

/** "Pkt. 2/2021, Pkt. 3/2021 og Pkt. 4/2021" */
export const joinAnd = (lang: Lang, words: string[]): string => AND[lang].format(words);
