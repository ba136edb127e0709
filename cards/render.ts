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
  return keepNumbersLiteral(prepared.expand({ $root: data })) as CardJson;
}

/**
 * Teams reads card text that starts with "2. " as a numbered list: "2. juni 2021" shows
 * indented, and on Android renumbered "1.". A no-break space after the dot is not a list
 * marker, and reads the same. Applies to TextBlock text and FactSet values.
 */
const LIST_MARKER = /^(\d+\.) /;
function keepNumbersLiteral(node: unknown): unknown {
  if (Array.isArray(node)) {
    node.forEach(keepNumbersLiteral);
  } else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'value'] as const) {
      const literal = typeof element[key] === 'string' && (key === 'text' ? element.type === 'TextBlock' : 'title' in element);
      if (literal) element[key] = (element[key] as string).replace(LIST_MARKER, '$1\u00a0');
    }
    Object.values(element).forEach(keepNumbersLiteral);
  }
  return node;
}

/**
 * Escapes Adaptive Card markdown in text a member typed, so it shows as written: the
 * markdown characters, and the dot of a number that starts a line (else "1. " is a list).
 */
export function plain(text: string): string {
  return text.replace(/([\\`*_[\]()#+\-!>|~<])/g, '\\$1').replace(/^(\s*\d+)\./gm, '$1\\.');
}
