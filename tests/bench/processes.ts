/** The benchmark's child processes: helper servers (servers.ts) and their memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/botProcess';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts `servers.ts <mode>` and waits for it to report its port. */
export function startServer(mode: 'echo' | 'plain' | 'connector' | 'cosmos'): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--no-deprecation', '--require', 'tsx/cjs', join(__dirname, 'servers.ts'), mode], {
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
