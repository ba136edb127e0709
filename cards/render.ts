import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to attach or return from an invoke. */
export type CardJson = Record<string, unknown>;

/**
 * Templates parsed once: `new Template` runs the ANTLR expression parser over every
 * ${...} in the file, which was half the CPU of a ballot click; expanding a parsed
 * template again is cheap and leaves it unchanged.
 */
const preparedTemplates = new WeakMap<object, Template>();

/**
 * Binds a template from this folder to its data. Templates read every visible string
 * from `t` (the i18n catalog of the reader's language), so no text lives in code.
 */
export function renderCard(template: object, data: object): CardJson {
  let prepared = preparedTemplates.get(template);
  if (!prepared) preparedTemplates.set(template, (prepared = new Template(template)));
  return prepared.expand({ $root: data }) as CardJson;
}

/** Escapes Adaptive Card markdown in text a member typed, so it shows as written. */
export function plain(text: string): string {
  return text.replace(/([\\`*_[\]()#+\-!>|~<])/g, '\\$1');
}
