import { gallery, type CardSample } from './gallery/gallery';

/** The gallery, built once per test run (several test files read it); each card bound once. */
let built: Promise<CardSample[]> | undefined;
export const gallerySamples = (): Promise<CardSample[]> =>
  (built ??= gallery().then((samples) =>
    samples.map((s) => {
      const card = s.render();
      return { ...s, render: () => card };
    }),
  ));

export const MAX_CARD_BYTES = 28 * 1024;

type Node = { [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

/**
 * What a card does wrong for Teams and for people, as "path: problem" lines: an input
 * without a label, a choice without a title, an action without a title (the invisible
 * refresh action excepted), Action.Submit instead of Action.Execute, action data with a
 * field named `key` (the Agents Playground cannot submit it), and any template
 * expression or $data/$when left unbound.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (value.includes('${')) problems.push(`${path}: unbound template expression ${JSON.stringify(value.slice(0, 80))}`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (!isNode(value)) return;
    for (const key of ['$data', '$when']) if (key in value) problems.push(`${path}: unbound ${key}`);
    const type = typeof value.type === 'string' ? value.type : '';
    if (type.startsWith('Input.') && !nonEmpty(value.label)) problems.push(`${path}: ${type} without a label`);
    if (type === 'Input.ChoiceSet' && Array.isArray(value.choices)) {
      value.choices.forEach((c, i) => {
        if (!isNode(c) || !nonEmpty(c.title)) problems.push(`${path}.choices[${i}]: choice without a title`);
      });
    }
    if (type === 'Action.Submit') problems.push(`${path}: Action.Submit (use Action.Execute)`);
    // The Agents Playground's card code throws "Cannot assign to read only property 'key'" on such data.
    if (type.startsWith('Action.') && isNode(value.data) && 'key' in value.data) problems.push(`${path}: action data with a field named key`);
    if (type.startsWith('Action.') && !path.endsWith('.refresh.action') && !nonEmpty(value.title)) problems.push(`${path}: ${type} without a title`);
    for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
  };
  visit(card, '$');
  return problems;
}

export const cardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
