import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../services/store/embedded';
import { startTestBot } from '../helpers/bot';

const tempStore = () => new EmbeddedStore(mkdtempSync(join(tmpdir(), 'referent-life-')));
const MAIN = join(__dirname, '..', '..', 'bot', 'main.ts');

/** Runs bot/main.ts with the given environment; resolves with its exit code and output. */
function runMain(env: Record<string, string>, until?: (out: string) => boolean, signal?: NodeJS.Signals) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN], {
      env: { PATH: process.env.PATH ?? '', PLAYGROUND: '0', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    const collect = (chunk: Buffer) => {
      out += chunk.toString();
      if (until && signal && !signalled && until(out)) signalled = child.kill(signal);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** The kernel's count of connections dropped because a listen queue was full (Linux). */
function listenOverflows(): number {
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
  return Number(values.split(' ')[names.split(' ').indexOf('ListenOverflows')]);
}

/** Opens N connections to a port when told to, and reports once all are connected. */
const CONNECTOR = `
  const net = require('node:net');
  const [port, n] = process.argv.slice(1).map(Number);
  process.on('message', () => {
    const sockets = [];
    for (let i = 0; i < n; i++) sockets.push(net.connect(port, '127.0.0.1', () => ++connected === n && done()).on('error', (e) => process.send({ error: e.code })));
    let connected = 0;
    const done = () => { process.send({ connected }); sockets.forEach((s) => s.destroy()); };
  });
  process.send('ready');`;

describe('start and stop', function () {
  this.timeout(30000);

  it('finishes a turn in flight before closing, and accepts nothing after', async function () {
    const bot = await startTestBot({ store: tempStore() });
    bot.connector.sendDelayMs = 300;
    const inFlight = bot.say('soren.ahl@example.dk', 'hjælp');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = bot.app.close();
    const res = await inFlight;
    await closed;
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1, 'the reply was delivered before the store closed');
    await assert.rejects(fetch(`${bot.url}/healthz`), 'the port no longer answers');
    await bot.connector.close();
  });

  it('queues a burst of 1,000 connections that arrive while it is busy, dropping none', async function () {
    const bot = await startTestBot({ store: tempStore() });
    const child = spawn(process.execPath, ['-e', CONNECTOR, new URL(bot.url).port, '1000'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'message');
    const before = listenOverflows();
    const report = once(child, 'message');
    child.send('go');
    // Busy for half a second: the kernel alone holds the connections. Node's default queue (511) would drop about half.
    for (const end = Date.now() + 500; Date.now() < end; );
    assert.deepEqual((await report)[0], { connected: 1000 });
    assert.equal(listenOverflows() - before, 0, 'no connection was dropped for a full listen queue');
    child.kill();
    await bot.close();
  });

  it('SIGTERM stops the process cleanly with exit code 0', async function () {
    const dataDir = mkdtempSync(join(tmpdir(), 'referent-main-'));
    const { code, out } = await runMain({ DATA_DIR: dataDir }, (o) => o.includes('Referent is listening'), 'SIGTERM');
    assert.equal(code, 0, out);
    assert.match(out, /"signal":"SIGTERM"/);
    assert.match(out, /Referent stopped/);
  });

  it('refuses to start on half a configuration, naming the missing keys, with exit code 1', async function () {
    const { code, out } = await runMain({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', COSMOS_KEY: 'k' });
    assert.equal(code, 1);
    assert.match(out, /MicrosoftAppPassword is missing/);
    assert.match(out, /COSMOS_ENDPOINT is missing/);
    assert.doesNotMatch(out, /listening/);
  });

  it('logs a warning that local mode is unauthenticated', async function () {
    const dataDir = mkdtempSync(join(tmpdir(), 'referent-main-'));
    const { out } = await runMain({ DATA_DIR: dataDir }, (o) => o.includes('NOT authenticated'), 'SIGINT');
    assert.match(out, /"level":40,.*local mode, requests are NOT authenticated/);
  });
});
