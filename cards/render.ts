import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to attach or return from an invoke. */
export type CardJson = Record<string, unknown>;

/**
 * Binds a template from this folder to its data. Templates read every visible string
 * from `t` (the i18n catalog of the reader's language), so no text lives in code.
 */
export function renderCard(template: object, data: object): CardJson {
  return new Template(template).expand({ $root: data }) as CardJson;
}

/** Escapes Adaptive Card markdown in text a member typed, so it shows as written. */
export function plain(text: string): string {
  return text.replace(/([\\`*_[\]()#+\-!>|~<])/g, '\\$1');
}
