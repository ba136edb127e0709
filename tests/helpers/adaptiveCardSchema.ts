import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/**
 * A validator for the official Adaptive Cards 1.5 JSON schema in tests/fixtures/schemas/.
 *
 *   import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
 *   assert.deepStrictEqual(cardSchemaErrors(card), []);
 *
 * The schema is draft-06 and names itself with the old `id` keyword, which ajv refuses:
 * it is moved to `$id` and ajv gets the draft-06 meta-schema. Compiled once, on first use.
 */
export const ADAPTIVE_CARD_SCHEMA_PATH = join(__dirname, '..', 'fixtures', 'schemas', 'adaptive-card-1.5.schema.json');

let compiled: { ajv: Ajv; id: string; validate: ValidateFunction } | undefined;

function schema() {
  if (!compiled) {
    const json = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    if (json.id !== undefined && json.$id === undefined) {
      json.$id = json.id;
      delete json.id;
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addMetaSchema(draft06);
    compiled = { ajv, id: String(json.$id), validate: ajv.compile(json) };
  }
  return compiled;
}

export function adaptiveCardValidator(): ValidateFunction {
  return schema().validate;
}

/**
 * The schema's complaints about a card as distinct "path: message" lines; empty when it
 * validates. The schema lets every element be any element type (`anyOf`), so its own
 * report names each type tried; instead, each typed object (element, action, the card)
 * is checked against its own type's definition, and only complaints about its own
 * properties are kept: "/body/4/style: must be equal to one of the allowed values
 * (compact, expanded)". Falls back to the raw report if that finds nothing.
 * Known gap: the schema spells Table's header flag `firstRowAsHeader` while renderers read
 * `firstRowAsHeaders` (default true) — leave it out and style the first row instead.
 */
export function cardSchemaErrors(card: unknown): string[] {
  const { validate } = schema();
  if (validate(card)) return [];
  const precise = typedObjectErrors(card);
  const lines = precise.length ? precise : (validate.errors ?? []).map((e) => describe('', e));
  return [...new Set(lines)];
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

function typedObjectErrors(card: unknown): string[] {
  const { ajv, id } = schema();
  const lines: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (!isNode(node)) return;
    const check = typeof node.type === 'string' ? ajv.getSchema(`${id}#/definitions/${node.type}`) : undefined;
    // Action data is the bot's own payload and may hold any keys, `type` included.
    if (typeof node.type === 'string' && !check && !/\/data(\/|$)/.test(path)) lines.push(`${path}/type: unknown type '${node.type}'`);
    if (check && !check(node)) {
      const own = (check.errors ?? []).filter((e) => !throughTypedChild(node, e.instancePath));
      // "must match a schema in anyOf", and the case-insensitive pattern beside an enum,
      // only repeat the specific complaint at the same path.
      const repeats = (e: ErrorObject, keyword: string, by: (o: ErrorObject) => boolean) =>
        e.keyword === keyword && own.some((o) => o !== e && o.instancePath === e.instancePath && by(o));
      const specific = own.filter((e) => !repeats(e, 'anyOf', (o) => o.keyword !== 'anyOf') && !repeats(e, 'pattern', (o) => o.keyword === 'enum'));
      lines.push(...specific.map((e) => describe(path, e)));
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${path}/${key}`);
  };
  visit(card, '');
  return lines;
}

/** Whether an error path inside `node` runs into a nested typed object (checked on its own). */
function throughTypedChild(node: Node, instancePath: string): boolean {
  let current: unknown = node;
  for (const part of instancePath.split('/').slice(1)) {
    if (!isNode(current)) return false;
    current = current[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (isNode(current) && typeof current.type === 'string') return true;
  }
  return false;
}

function describe(base: string, e: ErrorObject): string {
  const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const extra =
    e.keyword === 'additionalProperties' ? ` '${String(params.additionalProperty)}'` : e.keyword === 'enum' ? ` (${(params.allowedValues ?? []).join(', ')})` : '';
  return `${base}${e.instancePath || (base ? '' : '/')}: ${e.message ?? e.keyword}${extra}`;
}
