/**
 * `npm run cards -- <dir>`: writes every gallery card (gallery.ts) into <dir>, one
 * JSON file per card, state and language ("habilitet-prompt.ask.da.json"), for review in
 * e.g. the Adaptive Cards designer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gallery, sampleFileName } from './gallery';

export async function writeGallery(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const sample of await gallery()) {
    const file = join(dir, sampleFileName(sample));
    writeFileSync(file, `${JSON.stringify(sample.render(), null, 2)}\n`);
    files.push(file);
  }
  return files;
}

if (require.main === module) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: npm run cards -- <dir>\n');
    process.exit(2);
  }
  writeGallery(resolve(dir)).then(
    (files) => process.stdout.write(`wrote ${files.length} cards to ${resolve(dir)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
