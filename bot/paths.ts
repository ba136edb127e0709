import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's folder, whether running from bot/ (tsx) or dist/bot/ (built). Found by
 * package-lock.json, which (unlike package.json) the build never copies into dist/.
 */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package-lock.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package-lock.json above ${from}`);
    dir = parent;
  }
  return dir;
}
