import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { StoreSetupError } from '../services/store/store';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { seedDemo } from './demo';
import { loadDotEnv } from './dotenv';

const PLAYGROUND_PORT = 56150;

/** `npm start`: the bot on PORT, and the Agents Playground beside it in local mode. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example and the README for every key.\n`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const starting = startApp(config, { log });
  const seeded = starting.then((app) => (config.mode === 'local' ? seedDemo(app.services, log) : undefined));
  let playground: ChildProcess | undefined;

  // Installed before the app listens, so a signal during start-up also stops it cleanly;
  // a demo import under way finishes first, or the store would close beneath it.
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    playground?.kill();
    const app = await starting;
    await seeded.catch(() => undefined);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const app = await starting;
  await seeded;
  // Loaded only here: the Playground and its tenant file belong to local runs in a clone.
  if (config.playground) playground = (await import('./playground')).startPlayground(`${app.url}/api/messages`, PLAYGROUND_PORT, log);
}

main().catch((err: unknown) => {
  // A setup problem is the operator's to fix, and its message says how; a stack would bury it.
  const text = err instanceof StoreSetupError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`Referent failed to start: ${text}\n`);
  process.exit(1);
});
