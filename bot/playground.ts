import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from './log';
import { projectRoot } from './paths';

/**
 * Starts the Microsoft 365 Agents Playground (a devDependency) as a local Teams client
 * for the bot. Its CLI exits on headless machines, so its module is required from a small
 * inline script instead; a no-op xdg-open keeps it from failing to open a browser.
 */
export function startPlayground(botEndpoint: string, port: number, log: Logger): ChildProcess | undefined {
  let entry: string;
  try {
    entry = require.resolve('@microsoft/m365agentsplayground/dist');
  } catch {
    log.warn('the Agents Playground is not installed (npm ci installs it); running the bot alone');
    return undefined;
  }
  const args = ['-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'];
  const script = `process.argv = [process.argv[0], 'agentsplayground', ...${JSON.stringify(args)}]; require(${JSON.stringify(entry)}).start();`;
  const noBrowser = mkdtempSync(join(tmpdir(), 'referent-playground-'));
  writeFileSync(join(noBrowser, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(noBrowser, 'xdg-open'), 0o755);
  const child = spawn(process.execPath, ['-e', script], {
    env: {
      ...process.env,
      PATH: `${noBrowser}${delimiter}${process.env.PATH ?? ''}`,
      // The mock tenant: the example network's people, so the bot finds them on its roster.
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(projectRoot(), 'bot', 'playground.yml'),
    },
    // It writes a devTools/ log folder into its working directory: keep that out of the repo.
    cwd: noBrowser,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('Listening on')) log.info(`Agents Playground: open http://localhost:${port} in a browser to chat with the bot`);
  });
  child.stderr?.on('data', (chunk: Buffer) => log.warn({ playground: chunk.toString() }, 'playground stderr'));
  child.on('exit', (code) => log.info({ code }, 'Agents Playground exited'));
  return child;
}
