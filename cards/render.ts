import { Template } from 'adaptivecards-templating';
import { deepFreeze } from '../services/deepFreeze';

/** An Adaptive Card as JSON, ready to attach or return from an invoke. */
export type CardJson = Record<string, unknown>;

/** An expression as adaptive-expressions parses it: what is needed of it here. */
interface Expression {
  type: string;
  children: Expression[];
  value?: unknown;
}
/** What a binding sees: the data (`$root`), the item a `$data` repeat is at, and its index. */
interface Scope {
  $root: unknown;
  $data: unknown;
  $index?: number;
}
type Evaluated = { value: unknown; error?: string };
type LibraryExpression = Parameters<typeof Template.tryEvaluateExpression>[0];

/**
 * Cards are bound as adaptivecards-templating binds them (its expression parser and
 * evaluator, its rules for $data, $when and $index), but walked here: the library's walk,
 * and adaptive-expressions resolving each plain path through a new memory object and a
 * case-insensitive scan of every key on the way, were most of a large vote card's render.
 * A plain path (`${heading}`, `${$root.t.vote.close}`) is looked up directly, and text
 * compared with text (`${notice != ''}`); anything else, or a path that finds nothing (the
 * library's substitution applies), goes to the library's public evaluator,
 * Template.tryEvaluateExpression. That evaluator is given one data object, read as both
 * `$root` and `$data`, and no `$index`: each expression is given the one it reads (see
 * Binding), and one that reads two of them, or `$index` beyond a plain path, is refused when
 * the template is parsed. tests/cards/templating.test.ts binds the whole gallery both ways,
 * so an upgrade that changes either shows there.
 */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/** Which of `$root`, `$data` (any name not starting with `$`), `$index` and `$host` an expression reads. */
function reads(expression: Expression, into = new Set<string>()): Set<string> {
  if (expression.type === 'Accessor' && expression.children.length === 1) {
    const name = expression.children[0].value;
    if (typeof name === 'string') into.add(name.startsWith('$') ? name : '$data');
    return into;
  }
  for (const child of expression.children) reads(child, into);
  return into;
}

/**
 * One expression as the library's public evaluator has it, given the one data object it
 * reads: the data for `$root`, else the item (a name of `$data`, or nothing: a constant).
 */
function libraryEvaluator(expression: Expression): (scope: Scope, allowSubstitutions: boolean) => Evaluated {
  const read = reads(expression);
  const index = read.delete('$index');
  read.delete('$_acTemplateVersion'); // the evaluator supplies it
  if (read.size > 1 || read.has('$host') || (index && !plainPath(expression))) {
    throw new Error(`\${${String(expression)}}: a card expression reads either $root or its item, and $index only alone; give the view's data what it needs`);
  }
  const root = read.has('$root');
  const library = expression as unknown as LibraryExpression;
  return (scope, allowSubstitutions) => Template.tryEvaluateExpression(library, { $root: root ? scope.$root : scope.$data }, allowSubstitutions);
}

/** A part of an interpolated string as the library joins it: its text, or the part itself where it failed. */
const joined = ({ value, error }: Evaluated, part: Expression): string => (error ? `\${${String(part)}}` : String(value));

/** A `${...}` in a template, parsed once. */
class Binding {
  private readonly direct: (scope: Scope) => unknown;
  private readonly library: (scope: Scope, allowSubstitutions: boolean) => Evaluated;
  /** An interpolated string ("**${title}**"): its parts, each evaluated on its own as the library does. */
  private readonly parts: Binding[] | undefined;
  constructor(readonly expression: Expression) {
    this.direct = directly(expression);
    const interpolated = expression.type === 'concat';
    this.parts = interpolated ? expression.children.map((part) => new Binding(part)) : undefined;
    // A $when of an interpolated string is text, never true: no evaluation needed to hide it.
    this.library = interpolated ? () => ({ value: '' }) : libraryEvaluator(expression);
  }

  evaluate(scope: Scope, allowSubstitutions: boolean): Evaluated {
    const value = this.direct(scope);
    if (value !== undefined) return { value };
    if (this.parts && allowSubstitutions) return { value: this.parts.map((part) => joined(part.evaluate(scope, true), part.expression)).join('') };
    return this.library(scope, allowSubstitutions);
  }

  value(scope: Scope): unknown {
    const { value, error } = this.evaluate(scope, true);
    if (error) throw new Error(error);
    return value;
  }
}

/**
 * The expression answered without the library where the answer is the same: a plain path
 * that finds a value, or a path that finds text compared with a text (`${notice != ''}`).
 * Undefined where it cannot tell. A constant (the text between an interpolated string's
 * expressions) is itself.
 */
function directly(expression: Expression): (scope: Scope) => unknown {
  if (expression.type === 'Constant') return () => expression.value;
  const path = plainPath(expression);
  if (path) return (scope) => lookUp(scope[path.scope], path.names);
  const [left, right] = expression.children;
  const equal = expression.type === '==';
  const compared = (equal || expression.type === '!=') && left && right?.type === 'Constant' && typeof right.value === 'string' ? plainPath(left) : undefined;
  if (!compared) return () => undefined;
  return (scope) => {
    const value = lookUp(scope[compared.scope], compared.names);
    return typeof value === 'string' ? (value === right.value) === equal : undefined;
  };
}

/** `a.b.c` as the library resolves it: from `$data` unless it starts at `$root`, `$data` or `$index`. */
function plainPath(expression: Expression): { scope: '$root' | '$data' | '$index'; names: string[] } | undefined {
  const names: string[] = [];
  for (let e: Expression | undefined = expression; e; e = e.children[1]) {
    const name = e.children[0];
    if (e.type !== 'Accessor' || name?.type !== 'Constant' || typeof name.value !== 'string') return undefined;
    names.unshift(name.value);
  }
  if (!names[0].startsWith('$')) return { scope: '$data', names };
  const scope = names.shift();
  return scope === '$root' || scope === '$data' || scope === '$index' ? { scope, names } : undefined;
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
 * The template with each string that holds a `${...}` parsed (the ANTLR parser is slow: once
 * per template); the copies its repeated elements keep are marked in `kept`.
 */
function parse(node: unknown, kept: KeptJson): unknown {
  if (typeof node === 'string') {
    const parsed = Template.parseInterpolatedString(node);
    return typeof parsed === 'string' ? parsed : new Binding(parsed as unknown as Expression);
  }
  if (Array.isArray(node)) return node.map((child) => parse(child, kept));
  if (!node || typeof node !== 'object') return node;
  const element = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, parse(value, kept)]));
  if (element.$data === undefined) return element;
  const { $data, ...rest } = element;
  return new Repeated(element, readsOnlyItem(rest) && readsOnlyItem($data instanceof Binding ? undefined : $data), kept);
}

/**
 * A repeated element whose bindings read only its own item (no `$root`, `$index` or `$host`)
 * is bound once per item object, if the item is frozen: a caller that keeps the item objects
 * between renders (the vote card keeps one per proposal and tally) gets the same frozen copy
 * back instead of binding it again. A frozen item is taken as unchanging, with everything it
 * holds (deepFreeze; the store's cached documents are frozen so too).
 */
class Repeated {
  /** Per frozen item: its copy, or null where `$when` hid it. */
  private readonly copies = new WeakMap<object, Record<string, unknown> | null>();
  constructor(
    readonly element: Record<string, unknown>,
    private readonly local: boolean,
    private readonly kept: KeptJson,
  ) {}

  copyFor(item: unknown, scope: Scope): Record<string, unknown> | null {
    if (!this.local || typeof item !== 'object' || item === null || !Object.isFrozen(item)) return copyOf(this.element, scope);
    let copy = this.copies.get(item);
    if (copy === undefined) {
      copy = copyOf(this.element, scope);
      if (copy) {
        deepFreeze(keepNumbersLiteral(copy));
        this.kept.set(copy, undefined);
      }
      this.copies.set(item, copy);
    }
    return copy;
  }
}

/** Every kept copy, with its JSON text once some card holding it was serialized. */
type KeptJson = WeakMap<object, string | undefined>;

/** Whether a parsed subtree's bindings read only `$data` (what its own item holds). */
function readsOnlyItem(node: unknown): boolean {
  if (node instanceof Binding) return [...reads(node.expression)].every((name) => name === '$data');
  if (node instanceof Repeated) return readsOnlyItem(node.element);
  if (Array.isArray(node)) return node.every(readsOnlyItem);
  if (node && typeof node === 'object') return Object.values(node).every(readsOnlyItem);
  return true;
}

/**
 * A parsed template bound to a scope. An element with `$data` is repeated for each item of
 * an array (or bound to one value), one with `$when` kept only where it is true; an element
 * left with no copy is dropped, and several copies take its place in the array.
 */
function bind(node: unknown, scope: Scope): unknown {
  if (node instanceof Binding) return node.value(scope);
  if (Array.isArray(node)) {
    const items: unknown[] = [];
    for (const child of node) {
      const bound = bind(child, scope);
      if (Array.isArray(bound)) items.push(...bound);
      else if (bound !== null) items.push(bound);
    }
    return items;
  }
  if (!node || typeof node !== 'object') return node;
  if (!(node instanceof Repeated)) return copyOf(node as Record<string, unknown>, scope);
  const { element } = node;
  const data = element.$data instanceof Binding ? element.$data.value(scope) : element.$data;
  const items = Array.isArray(data) ? data : [data];
  const copies: Record<string, unknown>[] = [];
  let current = scope.$data;
  for (let index = 0; index < items.length; index++) {
    // As in the library, an undefined item keeps the one before it.
    if (items[index] !== undefined) current = items[index];
    const copy = node.copyFor(current, Array.isArray(data) ? { ...scope, $data: current, $index: index } : { ...scope, $data: current });
    if (copy) copies.push(copy);
  }
  return copies.length === 0 ? null : copies.length === 1 ? copies[0] : copies;
}

/** The element bound in this scope, or null where its `$when` hides it. */
function copyOf(element: Record<string, unknown>, scope: Scope): Record<string, unknown> | null {
  if (element.$when instanceof Binding ? !shown(element.$when.evaluate(scope, false)) : element.$when) return null;
  const copy: Record<string, unknown> = {};
  for (const key in element) {
    if (RESERVED.has(key)) continue;
    const value = bind(element[key], scope);
    if (value !== undefined) copy[key] = value;
  }
  return copy;
}

/** A `$when` shows its element only when it evaluates, without error, to true. */
const shown = ({ value, error }: { value: unknown; error?: string }) => !error && value === true;

/**
 * Binds the templates of this folder to their data, and writes cards as JSON. One per App:
 * it keeps each template parsed, and the bound copies of frozen items (see Repeated) with
 * their JSON text, for as long as the App, and no longer.
 */
export class CardRenderer {
  private readonly parsed = new WeakMap<object, unknown>();
  private readonly kept: KeptJson = new WeakMap();

  /**
   * Binds a template from this folder to its data. Templates read every visible string
   * from `t` (the i18n catalog of the reader's language), so no text lives in code.
   */
  render(template: object, data: object): CardJson {
    let parsed = this.parsed.get(template);
    if (!parsed) this.parsed.set(template, (parsed = parse(template, this.kept)));
    return keepNumbersLiteral(bind(parsed, { $root: data, $data: data })) as CardJson;
  }

  /**
   * A card's JSON text, exactly as JSON.stringify writes it, with the text of each kept copy
   * made once: a large vote card is mostly kept proposal parts, and its size is checked
   * before it is sent (the server's JSON formatter uses this too).
   */
  json(node: unknown): string | undefined {
    if (typeof node === 'object' && node !== null) {
      if (this.kept.has(node)) {
        let text = this.kept.get(node);
        if (text === undefined) this.kept.set(node, (text = JSON.stringify(node)));
        return text;
      }
      if (Array.isArray(node)) return `[${node.map((value) => this.json(value) ?? 'null').join(',')}]`;
      // Anything but plain data (a Date, an error, a toJSON) as JSON.stringify has it.
      if (Object.getPrototypeOf(node) === Object.prototype && !('toJSON' in node)) {
        const fields: string[] = [];
        for (const [key, value] of Object.entries(node)) {
          const text = this.json(value);
          if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
        }
        return `{${fields.join(',')}}`;
      }
    }
    return JSON.stringify(node);
  }
}

/** What a view binds its template with: the App's renderer's render. */
export type Render = (template: object, data: object) => CardJson;

/**
 * Teams reads card text that starts with "2. " as a numbered list: "2. juni 2021" shows
 * indented, and on Android renumbered "1.". A no-break space after the dot is not a list
 * marker, and reads the same. Applies to TextBlock text and FactSet values.
 */
const LIST_MARKER = /^(\d+\.) /;
function keepNumbersLiteral(node: unknown): unknown {
  // A frozen copy was kept from an earlier render, and had the rule applied then.
  if (Object.isFrozen(node)) return node;
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
