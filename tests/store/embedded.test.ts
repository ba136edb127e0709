import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sinon from 'sinon';
import { EMBEDDED_DB_FILE, EmbeddedStore } from '../../services/store/embedded';
import { PreconditionFailedError } from '../../services/store/store';
import { openStore } from '../../services/store/open';
import { storeContract } from './contract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'referent-store-'));
}

storeContract('embedded', async () => {
  const dir = tempDir();
  const store = await EmbeddedStore.open(path.join(dir, 'nested', 'data'));
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('EmbeddedStore', function () {
  let dir: string;
  beforeEach(function () {
    dir = tempDir();
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is what openStore chooses without Cosmos options', async function () {
    const store = await openStore({ dataDir: dir });
    try {
      assert.equal(store.kind, 'embedded');
      assert.ok(fs.existsSync(path.join(dir, EMBEDDED_DB_FILE)));
    } finally {
      await store.close();
    }
  });

  it('keeps data, etags and dueAt across close and reopen', async function () {
    const first = await EmbeddedStore.open(dir);
    const written = await first.create({ kind: 'k', pk: 'p', id: 'a', data: { æ: 'ø' }, dueAt: '2025-01-01T00:00:00.000Z' });
    await first.close();
    const second = await EmbeddedStore.open(dir);
    try {
      assert.deepEqual(await second.get({ kind: 'k', pk: 'p', id: 'a' }), written);
      assert.equal((await second.due('k', '2026-01-01T00:00:00.000Z', 5)).length, 1);
    } finally {
      await second.close();
    }
  });

  it('uses a WAL journal and serves due() from its index without sorting', async function () {
    const store = await EmbeddedStore.open(dir);
    await store.close();
    const db = new Database(path.join(dir, EMBEDDED_DB_FILE));
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM docs WHERE kind = 'k' AND due_at IS NOT NULL AND due_at <= 'z'
           ORDER BY due_at, pk, id LIMIT 10`,
        )
        .all() as { detail: string }[];
      const detail = plan.map((p) => p.detail).join('; ');
      assert.match(detail, /USING INDEX docs_due/);
      assert.doesNotMatch(detail, /TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  describe('durability off the event loop', function () {
    /** fs.promises.open of the WAL, answered with a handle whose syncs wait for `release`, counted. */
    function heldSyncs(fail?: Error) {
      const syncs: { file: string; release: () => void }[] = [];
      const open = sinon.stub(fs.promises, 'open').callsFake(async (file) => {
        assert.match(String(file), /referent\.db-wal$/);
        return {
          datasync: () => new Promise<void>((resolve, reject) => syncs.push({ file: String(file), release: () => (fail ? reject(fail) : resolve()) })),
          close: async () => undefined,
        } as unknown as fs.promises.FileHandle;
      });
      return { syncs, restore: () => open.restore() };
    }
    const settled = async (promise: Promise<unknown>) => {
      let done = false;
      void promise.then(() => (done = true), () => (done = true));
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      return done;
    };

    it('acknowledges a write only once its WAL is synced to disk, and commits made meanwhile share the next sync', async function () {
      const store = await EmbeddedStore.open(dir);
      const held = heldSyncs();
      try {
        const first = store.create({ kind: 'k', pk: 'p', id: 'a', data: 1 });
        assert.equal(await settled(first), false, 'committed, but not yet on disk: not acknowledged');
        assert.equal(held.syncs.length, 1);
        // Two more commits while the first sync runs: they wait for one sync after it.
        const second = store.create({ kind: 'k', pk: 'p', id: 'b', data: 2 });
        await settled(second);
        const third = store.create({ kind: 'k', pk: 'p', id: 'c', data: 3 });
        await settled(third);
        assert.equal(held.syncs.length, 1, 'no second sync while one runs');
        held.syncs[0].release();
        assert.equal((await first).id, 'a');
        assert.equal(await settled(second), false, 'committed after the first sync began: it waits for the next');
        assert.equal(held.syncs.length, 2);
        held.syncs[1].release();
        assert.deepEqual([(await second).id, (await third).id], ['b', 'c']);
      } finally {
        held.restore();
        await store.close();
      }
    });

    it('refuses the writes of a commit the disk would not sync, and syncs again for the next', async function () {
      const store = await EmbeddedStore.open(dir);
      const held = heldSyncs(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      try {
        const write = store.create({ kind: 'k', pk: 'p', id: 'a', data: 1 });
        await settled(write);
        held.syncs[0].release();
        await assert.rejects(write, /EIO/);
        const next = store.create({ kind: 'k', pk: 'p', id: 'b', data: 2 });
        await settled(next);
        assert.equal(held.syncs.length, 2, 'a failed sync does not stop the next');
        held.syncs[1].release();
        await assert.rejects(next, /EIO/, 'this disk refuses every sync');
      } finally {
        held.restore();
        await store.close();
      }
    });
  });

  describe('its cache of parsed documents', function () {
    it('answers a repeated get or list with the same frozen documents, without parsing again', async function () {
      const store = await EmbeddedStore.open(dir);
      try {
        await store.create({ kind: 'k', pk: 'p', id: 'a', data: { nested: { list: [1, 2] } } });
        const [first, second] = [await store.get<{ nested: { list: number[] } }>({ kind: 'k', pk: 'p', id: 'a' }), await store.get({ kind: 'k', pk: 'p', id: 'a' })];
        assert.equal(first, second);
        assert.ok(Object.isFrozen(first!.data.nested.list), 'shared, so frozen all the way down');
        assert.throws(() => first!.data.nested.list.push(3), TypeError);
        const [listed, again] = [await store.list('k', 'p'), await store.list('k', 'p')];
        assert.notEqual(listed, again, 'each caller gets its own array ...');
        assert.equal(listed[0], again[0], '... of the same documents');
      } finally {
        await store.close();
      }
    });

    it('writes its own commits through: creates, replaces and deletes show in get and in list, in the order SQLite lists', async function () {
      const store = await EmbeddedStore.open(dir);
      const other = await EmbeddedStore.open(dir);
      try {
        const ids = ['m', 'a', 'z', 'é', 'Z', '\u{1F600}', '\uFFDA', 'ab', '', ' '];
        await store.create({ kind: 'k', pk: 'p', id: 'first', data: 0 });
        assert.equal((await store.list('k', 'p')).length, 1, 'the partition is cached now');
        assert.equal(await store.get({ kind: 'k', pk: 'p', id: 'm' }), undefined, 'and so is an absent key');
        for (const [i, id] of ids.entries()) await store.create({ kind: 'k', pk: 'p', id, data: i });
        const fromSqlite = async () => (await other.list('k', 'p')).map((d) => `${d.id}=${JSON.stringify(d.data)}`);
        const cached = async () => (await store.list('k', 'p')).map((d) => `${d.id}=${JSON.stringify(d.data)}`);
        assert.deepEqual(await cached(), await fromSqlite());
        assert.equal((await store.get<number>({ kind: 'k', pk: 'p', id: 'm' }))?.data, 0);

        const m = (await store.get<number>({ kind: 'k', pk: 'p', id: 'm' }))!;
        await store.replace({ kind: 'k', pk: 'p', id: 'm', data: 42 }, m.etag);
        await store.delete({ kind: 'k', pk: 'p', id: 'z' });
        await store.upsert({ kind: 'k', pk: 'p', id: 'zz', data: 7 });
        assert.equal((await store.get<number>({ kind: 'k', pk: 'p', id: 'm' }))?.data, 42);
        assert.equal(await store.get({ kind: 'k', pk: 'p', id: 'z' }), undefined);
        assert.deepEqual(await cached(), await fromSqlite());
        await assert.rejects(store.replace({ kind: 'k', pk: 'p', id: 'm', data: 0 }, m.etag), PreconditionFailedError);
        assert.equal((await store.get<number>({ kind: 'k', pk: 'p', id: 'm' }))?.data, 42, 'a refused write changes nothing cached');
      } finally {
        await Promise.all([store.close(), other.close()]);
      }
    });

    it("forgets everything once another connection has committed: another process's write is in the next read", async function () {
      const store = await EmbeddedStore.open(dir);
      const other = await EmbeddedStore.open(dir);
      try {
        const first = await store.create({ kind: 'k', pk: 'p', id: 'a', data: 'mine' });
        assert.equal((await store.get<string>({ kind: 'k', pk: 'p', id: 'a' }))?.data, 'mine');
        assert.equal((await store.list('k', 'p')).length, 1);
        await other.replace({ kind: 'k', pk: 'p', id: 'a', data: 'theirs' }, first.etag);
        await other.create({ kind: 'k', pk: 'p', id: 'b', data: 'new' });
        assert.equal((await store.get<string>({ kind: 'k', pk: 'p', id: 'a' }))?.data, 'theirs');
        assert.deepEqual((await store.list('k', 'p')).map((d) => d.data), ['theirs', 'new']);
      } finally {
        await Promise.all([store.close(), other.close()]);
      }
    });
  });

  it('leaves checkpoints for a quiet second: a commit does not copy the WAL into the file, a pause in writing does', async function () {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = await EmbeddedStore.open(dir);
    const file = path.join(dir, EMBEDDED_DB_FILE);
    try {
      const before = fs.statSync(file).size;
      // Over 1,000 pages: SQLite's default would have checkpointed inside the commit that crossed them.
      for (let i = 0; i < 12; i++) await store.create({ kind: 'k', pk: 'p', id: `big-${i}`, data: { text: 'x'.repeat(400_000) } });
      assert.equal(fs.statSync(file).size, before, 'five megabytes committed, all of it still in the WAL');
      await clock.tickAsync(999);
      await store.create({ kind: 'k', pk: 'p', id: 'one-more', data: {} });
      await clock.tickAsync(999);
      assert.equal(fs.statSync(file).size, before, 'each write restarts the quiet second');
      await clock.tickAsync(1);
      assert.ok(fs.statSync(file).size > before + 4_800_000, 'after a quiet second the pages are in the database file');
      assert.equal((await store.list('k', 'p')).length, 13);
    } finally {
      clock.restore();
      await store.close();
    }
  });

  it('every acknowledged write survives kill -9 of the writing process', async function () {
    this.timeout(20_000);
    const writer = path.join(__dirname, 'fixtures', 'writer.ts');
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), writer, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acked.push(...lines.filter(Boolean));
        if (acked.length >= 50) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`writer exited early after ${acked.length} writes: ${stderr}`)));
    });
    assert.equal(await exited, 'SIGKILL');

    const store = await EmbeddedStore.open(dir);
    try {
      const stored = new Set((await store.list('write', 'p')).map((d) => d.id));
      const lost = acked.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
    } finally {
      await store.close();
    }
    const db = new Database(path.join(dir, EMBEDDED_DB_FILE), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
  });
});
