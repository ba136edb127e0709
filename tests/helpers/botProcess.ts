/**
 * The real bot (bot/main.ts, the `npm start` entry) as a child process, for tests and
 * benchmarks that need a process of its own: kill -9, two instances on one store, a clean
 * RSS. It runs with tsx, or from a build when `entry` names dist/bot/main.js, or as any
 * `command` (the production-install test runs `npm start` in a deployed copy).
 *
 *   const bot = await startBotProcess({ env: { DATA_DIR: dir } });
 *   await fetch(`${bot.url}/healthz`);
 *   await bot.kill();            // SIGKILL, no shutdown at all
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Its log lines (pino JSON), last 500. */
  logs: string[];
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM: the bot's own graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is. */
  kill(): Promise<void>;
}

export interface BotProcessOptions {
  /**
   * Added to a local-mode environment: PORT=0, PLAYGROUND=0, LOG_LEVEL=info. Give DATA_DIR or
   * COSMOS_*. LOG_LEVEL must stay info or lower: the port is read from the "listening" line.
   */
  env: Record<string, string>;
  /** A built main.js; default bot/main.ts through tsx. */
  entry?: string;
  /** Instead of node and `entry`: a whole command line, e.g. ['npm', 'start']. */
  command?: string[];
  /**
   * Working directory, default the OS temp folder: not the repository, whose `.env` (a
   * developer's own settings) the bot would read.
   */
  cwd?: string;
  startTimeoutMs?: number;
  /** Runs as this user: a test run as root needs it for file permissions to hold. */
  user?: { uid: number; gid: number };
  /** The largest file the process may write, in sh's `ulimit -f` blocks: a disk that is full for it. */
  fileSizeLimit?: number;
}

export function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const command = options.command ?? [
    process.execPath,
    ...(options.entry ? [options.entry] : ['--require', require.resolve('tsx/cjs'), join(ROOT, 'bot', 'main.ts')]),
  ];
  const [file, ...args] = options.fileSizeLimit === undefined ? command : ['sh', '-c', `ulimit -f ${options.fileSizeLimit} && exec "$@"`, 'sh', ...command];
  // A command such as npm start runs the bot as a grandchild, which a signal to npm alone
  // leaves running: such a command gets a process group of its own, and signals go to all of it.
  const group = Boolean(options.command);
  const child = spawn(file, args, {
    detached: group,
    cwd: options.cwd ?? tmpdir(),
    ...options.user,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', PLAYGROUND: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const send = (name: NodeJS.Signals) => (group ? process.kill(-child.pid!, name) : child.kill(name));
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 500) logs.shift();
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffered = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(remember));

  return new Promise<BotProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      send('SIGKILL');
      reject(new Error(`the bot did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${logs.join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before listening:\n${logs.join('\n')}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        remember(line);
        const port = listeningPort(line);
        if (port === undefined) continue;
        clearTimeout(timer);
        const signal = async (name: NodeJS.Signals) => {
          if (child.exitCode === null && child.signalCode === null) send(name);
          await exited;
          while (group && groupAlive()) await new Promise((resolve) => setTimeout(resolve, 50));
        };
        resolve({ child, pid: child.pid!, url: `http://127.0.0.1:${port}`, logs, exited, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') });
      }
    });
  });
}

function listeningPort(line: string): number | undefined {
  if (!line.includes('Referent is listening')) return undefined;
  try {
    return (JSON.parse(line) as { port?: number }).port;
  } catch {
    return undefined;
  }
}
