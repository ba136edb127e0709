import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from './log';
import { projectRoot } from './paths';

/**
 * The mock tenant of local runs: the example network's people, so the bot finds them on its
 * roster. Looked up on use, not on import: a deployed dist/ has no repository around it.
 */
export const playgroundConfig = (): string => join(projectRoot(), 'bot', 'playground.yml');

/**
 * Starts the Microsoft 365 Agents Playground (a devDependency) as a local Teams client
 * for the bot. Its CLI exits on headless machines, so its module is required from a small
 * inline script instead; a no-op xdg-open keeps it from failing to open a browser.
 * `configPath` names another mock tenant (the e2e test runs a second client as another user).
 */
export function startPlayground(botEndpoint: string, port: number, log: Logger, configPath = playgroundConfig()): ChildProcess | undefined {
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
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    },
    // It writes a devTools/ log folder into its working directory: keep that out of the repo.
    cwd: noBrowser,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  void whenListening(child).then(
    () => log.info(`Agents Playground: open http://localhost:${port} in a browser to chat with the bot`),
    () => undefined, // the exit is logged below
  );
  child.stderr?.on('data', (chunk: Buffer) => log.warn({ playground: chunk.toString() }, 'playground stderr'));
  child.on('exit', (code) => {
    log.info({ code }, 'Agents Playground exited');
    rmSync(noBrowser, { recursive: true, force: true });
  });
  return child;
}

/** Resolves once the Playground started by startPlayground listens; rejects if it exits first. */
export function whenListening(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the Agents Playground exited (code ${code}) before it listened`)));
  });
}
