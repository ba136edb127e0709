import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to attach or return from an invoke. */
export type CardJson = Record<string, unknown>;

/** An expression as adaptive-expressions parses it: what the lookup below needs of it. */
interface Expression {
  type: string;
  children: Expression[];
  value?: unknown;
}
type Scope = Partial<Record<'$root' | '$data' | '$index' | '$host', unknown>>;
type Evaluate = (expression: Expression, scope: Scope, allowSubstitutions: boolean) => { value: unknown; error?: string };

/**
 * Most bindings are a plain path (`${heading}`, `${$root.t.vote.close}`), and adaptive-expressions
 * evaluates each through a new memory object and a case-insensitive scan of every key on the
 * way: most of a vote card's render. The engine's evaluator is wrapped to look a plain path
 * up directly; anything else, and a path that finds nothing (its substitution rules apply),
 * goes to the engine. tests/cards/render.test.ts checks every gallery card comes out the same.
 */
const engine = Template as unknown as { internalTryEvaluateExpression: Evaluate };
const evaluate = engine.internalTryEvaluateExpression;
const plainPaths = new WeakMap<Expression, { scope: keyof Scope; names: string[] } | null>();
engine.internalTryEvaluateExpression = (expression, scope, allowSubstitutions) => {
  let path = plainPaths.get(expression);
  if (path === undefined) plainPaths.set(expression, (path = plainPath(expression)));
  const value = path ? lookUp(scope[path.scope], path.names) : undefined;
  return value === undefined ? evaluate(expression, scope, allowSubstitutions) : { value };
};

/** `a.b.c` as the engine resolves it: from `$data` unless it names `$root`, `$index` or `$host`. */
function plainPath(expression: Expression): { scope: keyof Scope; names: string[] } | null {
  const names: string[] = [];
  for (let e: Expression | undefined = expression; e; e = e.children[1]) {
    const name = e.children[0];
    if (e.type !== 'Accessor' || name?.type !== 'Constant' || typeof name.value !== 'string') return null;
    names.unshift(name.value);
  }
  if (!names[0].startsWith('$')) return { scope: '$data', names };
  const scope = names.shift() as keyof Scope;
  return ['$root', '$data', '$index', '$host'].includes(scope) ? { scope, names } : null;
}

/** The value at the path, through own enumerable properties of plain objects only (else undefined). */
function lookUp(value: unknown, names: string[]): unknown {
  for (const name of names) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.propertyIsEnumerable.call(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

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
    for (const child of node) keepNumbersLiteral(child);
  } else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    for (const key in element) {
      const value = element[key];
      if (typeof value === 'object') keepNumbersLiteral(value);
      else if (typeof value === 'string' && (key === 'text' ? element.type === 'TextBlock' : key === 'value' && 'title' in element)) element[key] = value.replace(LIST_MARKER, '$1\u00a0');
    }
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
