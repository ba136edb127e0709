/**
 * The npm scripts that run the app, in a clone and in a production install alike:
 *
 *   npm start                  node scripts/run.mjs start
 *   npm run cli -- <command>   node scripts/run.mjs cli <command>
 *
 * A clone has the devDependencies: `start` builds first (tsc is incremental, so dist/ is never
 * stale) and `cli` runs bot/cli.ts through tsx. A production install (`npm ci --omit=dev`) has
 * neither: both run the dist/ deployed with the app.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const [script, ...args] = process.argv.slice(2);

/** The file of an installed package's module, or undefined where it is not installed. */
function installed(specifier) {
  try {
    return fileURLToPath(import.meta.resolve(specifier));
  } catch {
    return undefined;
  }
}

if (script === 'start') {
  const tsc = installed('typescript/bin/tsc');
  if (tsc) {
    const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // In this process, so the signals App Service or a terminal sends reach the bot's own handlers.
  await import(pathToFileURL(join(root, 'dist', 'bot', 'main.js')).href);
} else if (script === 'cli') {
  const tsx = installed('tsx/cjs');
  const entry = tsx ? ['--require', tsx, join(root, 'bot', 'cli.ts')] : [join(root, 'dist', 'bot', 'cli.js')];
  const cli = spawnSync(process.execPath, [...entry, ...args], { stdio: 'inherit' });
  process.exit(cli.status ?? 1);
} else {
  process.stderr.write('usage: node scripts/run.mjs start | cli <command>\n');
  process.exit(2);
}
