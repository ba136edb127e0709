import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const MANIFEST_SCHEMA_PATH = join(__dirname, '..', 'fixtures', 'schemas', 'teams-manifest-1.29.schema.json');

let compiled: ValidateFunction | undefined;

/**
 * The Teams manifest 1.29 schema, compiled once. It declares draft-04 but uses `const` and
 * `if`/`then`, so it is compiled with ajv's default draft-07 validator (its draft-04 `$schema`
 * is dropped from the in-memory copy only); unicode regexes for its `\p{L}` pattern.
 */
export function manifestSchemaErrors(manifest: unknown): string[] {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  if (compiled(manifest)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
