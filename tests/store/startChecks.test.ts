/**
 * The embedded store is checked when the bot (or the CLI) opens it: a store that cannot be
 * read or written stops the start with exit 1 and a message naming the file and the cause,
 * instead of a bot that says it is healthy and then fails every write.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDED_DB_FILE, EmbeddedStore } from '../../services/store/embedded';
import { StoreUnusableError } from '../../services/store/store';
import { startBotProcess, type BotProcessOptions } from '../helpers/botProcess';

/** A user other than root, for the permission tests: root writes whatever the mode says. */
const NOBODY = { uid: 65534, gid: 65534 };

describe('embedded store: checked at start', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'referent-start-'));
    file = path.join(dir, EMBEDDED_DB_FILE);
  });
  afterEach(function () {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the real bot on `dir`; resolves with its output once it has exited, failing if it listened. */
  const failedStart = async (options: Partial<BotProcessOptions> = {}) => {
    try {
      const bot = await startBotProcess({ env: { DATA_DIR: dir }, ...options });
      await bot.kill();
      assert.fail(`the bot started:\n${bot.logs.join('\n')}`);
    } catch (err) {
      const message = (err as Error).message;
      assert.match(message, /^the bot exited \(1\) before listening/, message);
      assert.match(message, /Referent failed to start: the store \//, 'the operator reads what to fix, not a stack');
      assert.doesNotMatch(message, /^\s+at /m);
      return message;
    }
  };
  /** A store with a few documents in it, closed. */
  const existingStore = async () => {
    const store = await EmbeddedStore.open(dir);
    for (let i = 0; i < 100; i++) await store.create({ kind: 'k', pk: 'p', id: `d${i}`, data: 'x'.repeat(300) });
    await store.close();
  };

  it('refuses a zero-length file instead of starting a new store on it: exit 1, the file named, the file left as it was', async function () {
    fs.writeFileSync(file, '');
    const out = await failedStart();
    assert.ok(out.includes(`the store ${file} cannot be used: the file is empty (0 bytes), which is not a new store`), out);
    assert.equal(fs.statSync(file).size, 0, 'not made into a store, nor seeded with the demo');
  });

  it('refuses a file that is not a database: exit 1, the file and the cause named', async function () {
    fs.writeFileSync(file, 'this is not SQLite, but a page of text that was copied over the database'.repeat(100));
    const out = await failedStart();
    assert.ok(out.includes(`the store ${file} cannot be used: file is not a database (SQLITE_NOTADB)`), out);
  });

  it('refuses a damaged database (a page overwritten), naming the file', async function () {
    await existingStore();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 3 * 4096);
    fs.closeSync(fd);
    await assert.rejects(EmbeddedStore.open(dir), (err: Error) => {
      assert.ok(err instanceof StoreUnusableError);
      assert.match(err.message, new RegExp(`^the store ${file} cannot be used: .*(malformed|damaged)`));
      return true;
    });
  });

  it('refuses a read-only database file and a read-only directory: exit 1, naming the file and that it is read-only', async function () {
    await existingStore();
    const user = process.getuid?.() === 0 ? NOBODY : undefined;
    if (user) {
      for (const f of [dir, file]) fs.chownSync(f, user.uid, user.gid);
    }
    fs.chmodSync(file, 0o444);
    assert.match(await failedStart({ user }), new RegExp(`the store ${file} cannot be used: .*readonly`));
    fs.chmodSync(file, 0o644);
    fs.chmodSync(dir, 0o555);
    // SQLite cannot create its WAL beside the file: it says it cannot open it.
    assert.match(await failedStart({ user }), new RegExp(`the store ${file} cannot be used: .*(readonly|unable to open)`));
  });

  it('refuses to start when the disk will not take the store’s writes, leaving no empty file behind', async function () {
    // sh's ulimit -f: the process may not write past 2 KB in any file, as on a full disk.
    const out = await failedStart({ fileSizeLimit: 4 });
    assert.match(out, new RegExp(`the store ${file} cannot be used: .*(disk I/O error|disk is full)`));
    assert.deepEqual(fs.readdirSync(dir), [], 'no zero-length file that the next start would refuse');
  });

  it('opens a new store in an empty directory, and an existing one, after checking both', async function () {
    await existingStore();
    const store = await EmbeddedStore.open(dir);
    try {
      assert.equal((await store.list('k', 'p')).length, 100);
      await store.probeWrite();
    } finally {
      await store.close();
    }
  });
});
