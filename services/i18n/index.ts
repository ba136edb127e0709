import { da } from './da';
import { en } from './en';
import type { Lang } from '../time';

import type { Widen } from './widen';

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

/** Looks up a dotted key ("common.notAllowed") and fills it; the key itself if missing. */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? fmt(node, params) : key;
}

const joinWith = (conjunction: string, words: string[]): string =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;

/** "formand eller sekretær" */
export const joinOr = (lang: Lang, words: string[]): string => joinWith(catalogs[lang].common.or, words);

/** "Pkt. 2/2021 og Pkt. 3/2021" */
export const joinAnd = (lang: Lang, words: string[]): string => joinWith(catalogs[lang].common.and, words);
