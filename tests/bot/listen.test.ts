import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startApp } from '../../bot/app';
import { EmbeddedStore } from '../../services/store/embedded';
import { PRODUCTION_ENV, testConfig } from '../helpers/bot';

/** Starts the app with an environment and a logger that keeps its lines; resolves with the bound address and the log. */
async function listenWith(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'referent-listen-'));
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = await startApp(testConfig(env), { store: new EmbeddedStore(dir), log: pino({ level: 'info' }, sink) });
  const { address } = app.server.address() as { address: string };
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { address, url: app.url, warnings: lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

describe('the address the server listens on', function () {
  it('local mode listens on 127.0.0.1 only, with no warning about the address', async function () {
    const { address, url, warnings } = await listenWith({ HOST: '' });
    assert.equal(address, '127.0.0.1');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(!warnings.some((w) => /HOST=/.test(w)), warnings.join('\n'));
  });

  it('local mode listens where HOST says, and warns loudly that it is unauthenticated there', async function () {
    const { address, warnings } = await listenWith({ HOST: '0.0.0.0' });
    assert.equal(address, '0.0.0.0');
    assert.ok(
      warnings.some((w) => w.includes('HOST=0.0.0.0 in local mode') && w.includes('WITHOUT authentication')),
      warnings.join('\n'),
    );
  });

  it('production listens as configured, every interface by default, without the local-mode warning', async function () {
    const { address, warnings } = await listenWith({ ...PRODUCTION_ENV, HOST: '' });
    assert.equal(address, '0.0.0.0');
    assert.ok(!warnings.some((w) => /HOST=/.test(w)), warnings.join('\n'));
    assert.equal((await listenWith({ ...PRODUCTION_ENV, HOST: '127.0.0.1' })).address, '127.0.0.1');
  });
});
