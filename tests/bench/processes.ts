/** The benchmark's child processes: the bot and the helper servers (servers.ts) built to JavaScript, and their CPU and memory. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/botProcess';

const BUILD = join(ROOT, 'tests', '.artifacts', 'bench-dist');
const SERVERS = join(BUILD, 'tests', 'bench', 'servers.js');

/**
 * Compiles the bot and servers.ts with tsc, as `npm start` runs the bot (type errors elsewhere
 * in the tree do not stop the emit); returns the bot's entry. BENCH_TSX=1 skips it: everything
 * runs through tsx. `log` gets what tsc reported.
 */
export function buildForBench(log: (line: string) => void): string | undefined {
  if (process.env.BENCH_TSX === '1') return undefined;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(__dirname, 'tsconfig.build.json')], { stdio: 'pipe' });
  } catch (err) {
    log(`tsc reported errors; running what it emitted:\n${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 2000)}`);
  }
  return join(BUILD, 'bot', 'main.js');
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** A message to the server over IPC (the Cosmos stand-in takes `{ delayMs }`). */
  send(message: object): Promise<void>;
  stop(): Promise<void>;
}

/** Starts servers.js (after buildForBench; else servers.ts through tsx) in `mode` and waits for it to report its port. */
export function startServer(mode: 'echo' | 'plain' | 'connector' | 'cosmos'): Promise<ServerProcess> {
  const entry = process.env.BENCH_TSX !== '1' && existsSync(SERVERS) ? [SERVERS] : ['--require', 'tsx/cjs', join(__dirname, 'servers.ts')];
  const child = spawn(process.execPath, ['--no-deprecation', ...entry, mode], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code}) before listening`)));
    child.once('message', (message: { port: number }) => {
      const scheme = mode === 'cosmos' ? 'https' : 'http';
      resolve({
        child,
        port: message.port,
        url: `${scheme}://127.0.0.1:${message.port}`,
        send: (msg) => new Promise<void>((done, fail) => child.send(msg, (err) => (err ? fail(err) : done()))),
        async stop() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

export interface Memory {
  /** Resident set now, MB. */
  rssMb: number;
  /** Highest resident set so far (VmHWM), MB. */
  peakMb: number;
}

/**
 * A process's CPU time so far, all threads, user and system, in ms (Linux /proc; fields 14
 * and 15 of stat, in clock ticks of 10 ms).
 */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A process's memory as the kernel counts it (Linux /proc). */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
