import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/**
 * A validator for the official Adaptive Cards 1.5 JSON schema in ../shared/schemas/.
 *
 *   import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
 *   assert.deepStrictEqual(cardSchemaErrors(card), []);
 *
 * The schema is draft-06 and names itself with the old `id` keyword, which ajv refuses:
 * it is moved to `$id` and ajv gets the draft-06 meta-schema. Compiled once, on first use.
 */
export const ADAPTIVE_CARD_SCHEMA_PATH = join(__dirname, '..', '..', '..', 'shared', 'schemas', 'adaptive-card-1.5.schema.json');

let compiled: ValidateFunction | undefined;

export function adaptiveCardValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    if (schema.id !== undefined && schema.$id === undefined) {
      schema.$id = schema.id;
      delete schema.id;
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addMetaSchema(draft06);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * The schema's complaints about a card as distinct "path: message" lines; empty when it
 * validates. Each element is an `anyOf` over all element types, so one mistake yields a
 * complaint per type tried: the deepest paths come first, as they are the telling ones.
 * Known gap: the schema spells Table's header flag `firstRowAsHeader` while renderers read
 * `firstRowAsHeaders` (default true) — leave it out and style the first row instead.
 */
export function cardSchemaErrors(card: unknown): string[] {
  const validate = adaptiveCardValidator();
  if (validate(card)) return [];
  const lines = (validate.errors ?? []).map(describe);
  return [...new Set(lines)].sort((a, b) => depth(b) - depth(a));
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}

function depth(line: string): number {
  return line.slice(0, line.indexOf(': ')).split('/').length;
}
