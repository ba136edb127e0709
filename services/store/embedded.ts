/**
 * The default store: one SQLite file (`referent.db`) in the data directory. A write whose
 * promise resolved is on disk and survives kill -9 or power loss: SQLite commits to its WAL
 * (synchronous=NORMAL, no fsync in the commit) and the WAL is then synced off the event loop
 * (walSync.ts) before the write settles. Every mutation is a single statement, so each
 * check-then-write (create on a taken key, replace on a stale etag) is atomic, also against
 * another process sharing the file.
 *
 * Group commit: writes issued in the same event-loop turn are queued and run in one
 * IMMEDIATE transaction, one sync for all; each promise settles after the sync, with its own
 * statement's result or error. (One commit per write, each with an fsync on the event loop,
 * once capped the whole bot at ~150 writes/s.)
 *
 * Reads are served from a cache of parsed documents (docCache.ts) while no other
 * connection has committed; this store's own commits write through to it.
 *
 * Checkpoints (copying the WAL back into the database file) wait for a quiet moment: SQLite
 * would run one inside whichever commit crosses 1,000 WAL pages, adding tens of milliseconds
 * to that turn or sweep. Here a commit arms an idle timer, and only a WAL far beyond what a
 * quiet moment lets through is checkpointed by SQLite itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { DocCache } from './docCache';
import { WalSync } from './walSync';
import { checkSelector, ConflictError, PreconditionFailedError, StoreUnusableError, StoreWriteError } from './store';
import type { DocKey, NewDoc, PartitionSelector, Store, StoredDoc } from './store';

interface Row {
  kind: string;
  pk: string;
  id: string;
  data: string;
  etag: string;
  due_at: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS docs (
    kind   TEXT NOT NULL,
    pk     TEXT NOT NULL,
    id     TEXT NOT NULL,
    data   TEXT NOT NULL,
    etag   TEXT NOT NULL,
    due_at TEXT,
    PRIMARY KEY (kind, pk, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS docs_due ON docs (kind, due_at) WHERE due_at IS NOT NULL;
  CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);
`;

export const EMBEDDED_DB_FILE = 'referent.db';

/** How long writes must pause before the WAL is checkpointed. */
const CHECKPOINT_IDLE_MS = 1000;
/** SQLite's own checkpoint, at this many WAL pages (~40 MB), bounds the WAL under writes that never pause. */
const CHECKPOINT_PAGES_AT_MOST = 10_000;

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepare>;
  private readonly queue: QueuedWrite[] = [];
  private readonly inTransaction: Database.Transaction<(batch: QueuedWrite[]) => Outcome[]>;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly cache = new DocCache();
  private readonly walSync: WalSync;
  /** SQLite's data_version when the cache was last known good: it changes when another connection commits. */
  private dataVersion = 0;
  private checkedThisRun = false;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, EMBEDDED_DB_FILE);
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.walSync = new WalSync(`${file}-wal`);
    this.db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES_AT_MOST}`);
    // Up to 64 MB of pages (SQLite's default is 2 MB), used only as the file grows: a sweep over 100,000 tasks otherwise reads its pages from the OS again.
    this.db.pragma('cache_size = -65536');
    this.db.exec(SCHEMA);
    this.stmt = prepare(this.db);
    // One transaction per batch; a failing statement (a conflict, a stale etag) undoes only itself.
    this.inTransaction = this.db.transaction((batch: QueuedWrite[]) =>
      batch.map((w) => {
        try {
          return { value: w.run() };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /**
   * Opens the store for the bot and the CLI, and checks it first: a file that is not a
   * database, a damaged one (PRAGMA quick_check), or one that cannot be written (read-only
   * file or directory, a full disk) stops here with StoreUnusableError naming the file and
   * the cause, instead of a bot that starts and then fails every write. An empty file is not
   * taken as a new store: something truncated it, and starting afresh would hide that.
   */
  static async open(dataDir: string): Promise<EmbeddedStore> {
    const file = path.join(dataDir, EMBEDDED_DB_FILE);
    const existed = fs.existsSync(file);
    let store: EmbeddedStore | undefined;
    try {
      if (existed && fs.statSync(file).size === 0) {
        throw new Error('the file is empty (0 bytes), which is not a new store: restore it from a backup, or delete it to start with no data');
      }
      store = new EmbeddedStore(dataDir);
      const problems = store.db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      if (problems[0]?.quick_check !== 'ok') throw new Error(`the database is damaged: ${problems.map((p) => p.quick_check).join('; ')}`);
      await store.probeWrite();
      return store;
    } catch (err) {
      await store?.close().catch(() => undefined);
      // A store this start created and could not use would be an empty file at the next start: remove it.
      if (!existed) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      throw new StoreUnusableError(file, err);
    }
  }

  // get and list read only the columns the key does not give, as arrays: a row object of
  // every column was most of the cost of listing an item's 1,000 ballots.
  async get<T>(key: DocKey): Promise<StoredDoc<T> | undefined> {
    const cached = this.fresh().get(key);
    if (cached !== undefined) return (cached ?? undefined) as StoredDoc<T> | undefined;
    const row = this.stmt.get.get(key.kind, key.pk, key.id) as [string, string, string | null] | undefined;
    const doc = row ? toDoc<T>({ kind: key.kind, pk: key.pk, id: key.id, data: row[0], etag: row[1], due_at: row[2] }) : undefined;
    this.cache.rememberDoc(key, doc ?? null, row?.[0].length ?? 0);
    return doc;
  }

  /** A prefix is served from the partition's cached documents: in memory the whole partition is as cheap. */
  async list<T>(kind: string, pk: string, idPrefix?: string): Promise<StoredDoc<T>[]> {
    let docs = this.fresh().list(kind, pk) as StoredDoc<T>[] | undefined;
    if (!docs) {
      const rows = this.stmt.list.all(kind, pk) as [string, string, string, string | null][];
      docs = rows.map(([id, data, etag, due_at]) => toDoc<T>({ kind, pk, id, data, etag, due_at }));
      this.cache.rememberPartition(kind, pk, docs, rows.reduce((n, r) => n + r[1].length, 0));
    }
    return idPrefix ? docs.filter((d) => d.id.startsWith(idPrefix)) : docs;
  }

  /** Document by document: each is a lookup in the file (or the cache), not a round trip. */
  async getMany<T>(kind: string, pk: string, ids: readonly string[]): Promise<StoredDoc<T>[]> {
    const docs = await Promise.all(ids.map((id) => this.get<T>({ kind, pk, id })));
    return docs.filter((d): d is StoredDoc<T> => d !== undefined);
  }

  /**
   * Selector by selector through get and list (lookups, not round trips). They all run in one
   * synchronous run, so no commit of this store comes between them and the cache is checked
   * once for all. A document that two selectors name is returned once.
   */
  async readPartition(pk: string, selectors: readonly PartitionSelector[]): Promise<StoredDoc<unknown>[]> {
    selectors.forEach(checkSelector);
    const found = await Promise.all(
      selectors.map(async ({ kind, id, idPrefix }) => {
        if (id === undefined) return this.list(kind, pk, idPrefix);
        const doc = await this.get({ kind, pk, id });
        return doc ? [doc] : [];
      }),
    );
    const byKey = new Map(found.flat().map((doc) => [`${doc.kind}\u0000${doc.id}`, doc]));
    return [...byKey.values()];
  }

  create<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    return this.write(() => {
      try {
        this.stmt.insert.run(row);
      } catch (err) {
        if (isCode(err, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new ConflictError(doc);
        throw err;
      }
      return toDoc<T>(row);
    }, row);
  }

  upsert<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    return this.write(() => {
      this.stmt.upsert.run(row);
      return toDoc<T>(row);
    }, row);
  }

  replace<T>(doc: NewDoc<T>, ifMatch: string): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    return this.write(() => {
      // The etag test is in the WHERE clause: a stale or missing document changes no row.
      if (this.stmt.replace.run({ ...row, ifMatch }).changes === 0) throw new PreconditionFailedError(doc);
      return toDoc<T>(row);
    }, row);
  }

  delete(key: DocKey): Promise<void> {
    return this.write(() => {
      this.stmt.delete.run(key.kind, key.pk, key.id);
    }, key);
  }

  async due<T>(kind: string, until: string, limit: number): Promise<StoredDoc<T>[]> {
    return (this.stmt.due.all(kind, until, limit) as Row[]).map((r) => toDoc<T>(r));
  }

  async ping(): Promise<void> {
    this.stmt.ping.get();
  }

  /** A one-row write through the group commit, so it proves the commit and the WAL sync alike. */
  probeWrite(): Promise<void> {
    return this.write(() => {
      this.stmt.probe.run(new Date().toISOString());
    });
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    clearTimeout(this.checkpointTimer);
    this.db.close();
    await this.walSync.durable().catch(() => undefined); // its writes' promises carry any error
  }

  /**
   * Queues a write for this turn's group commit; settles once it is on disk (or failed).
   * `run` returns the document it stored, or nothing for a delete; `target` names the key
   * (and, for a document, carries its JSON, whose size the cache counts); none for the probe.
   */
  private write<T>(run: () => T, target?: DocKey | Row): Promise<T> {
    if (!this.db.open) return Promise.reject(new StoreWriteError(new Error('the store is closed')));
    return new Promise<T>((resolve, reject) => {
      if (this.queue.push({ run, target, resolve: resolve as (value: unknown) => void, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * The cache, emptied first if another connection has committed since it was last checked.
   * Reads issued in one synchronous run (a Promise.all of gets) are concurrent with any
   * commit elsewhere during it, so one check serves them all.
   */
  private fresh(): DocCache {
    if (this.checkedThisRun) return this.cache;
    this.checkedThisRun = true;
    queueMicrotask(() => (this.checkedThisRun = false));
    const version = this.stmt.dataVersion.get() as number;
    if (version !== this.dataVersion) {
      this.cache.clear();
      this.dataVersion = version;
    }
    return this.cache;
  }

  private flush(): void {
    const batch = this.queue.splice(0);
    if (!batch.length) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.inTransaction.immediate(batch);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch was written.
      for (const w of batch) w.reject(new StoreWriteError(error));
      return;
    }
    const cache = this.fresh();
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if ('value' in outcome && w.target) cache.wrote(w.target, (outcome.value as StoredDoc<unknown> | undefined) ?? null, 'data' in w.target ? w.target.data.length : 0);
    });
    this.checkpointWhenIdle();
    void this.walSync.durable().then(
      () => batch.forEach((w, i) => ('error' in outcomes[i] ? w.reject(refusedOrFailed(outcomes[i].error)) : w.resolve(outcomes[i].value))),
      // Committed (and readable), but the disk refused to sync it: none of the batch is acknowledged as durable.
      (error: unknown) => batch.forEach((w) => w.reject(new StoreWriteError(error))),
    );
  }

  /** (Re)arms the idle checkpoint: PASSIVE, so it neither waits for nor blocks anyone. */
  private checkpointWhenIdle(): void {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    }, CHECKPOINT_IDLE_MS);
    this.checkpointTimer.unref();
  }
}

type Outcome = { value: unknown } | { error: unknown };

interface QueuedWrite {
  run: () => unknown;
  target?: DocKey | Row;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function prepare(db: Database.Database) {
  return {
    get: db.prepare('SELECT data, etag, due_at FROM docs WHERE kind = ? AND pk = ? AND id = ?').raw(),
    list: db.prepare('SELECT id, data, etag, due_at FROM docs WHERE kind = ? AND pk = ? ORDER BY id').raw(),
    insert: db.prepare(
      'INSERT INTO docs (kind, pk, id, data, etag, due_at) VALUES (@kind, @pk, @id, @data, @etag, @due_at)',
    ),
    upsert: db.prepare(
      `INSERT INTO docs (kind, pk, id, data, etag, due_at) VALUES (@kind, @pk, @id, @data, @etag, @due_at)
       ON CONFLICT (kind, pk, id) DO UPDATE SET data = excluded.data, etag = excluded.etag, due_at = excluded.due_at`,
    ),
    replace: db.prepare(
      `UPDATE docs SET data = @data, etag = @etag, due_at = @due_at
       WHERE kind = @kind AND pk = @pk AND id = @id AND etag = @ifMatch`,
    ),
    delete: db.prepare('DELETE FROM docs WHERE kind = ? AND pk = ? AND id = ?'),
    due: db.prepare(
      `SELECT * FROM docs WHERE kind = ? AND due_at IS NOT NULL AND due_at <= ?
       ORDER BY due_at, pk, id LIMIT ?`,
    ),
    ping: db.prepare('SELECT 1'),
    probe: db.prepare('INSERT INTO probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
  };
}

function toRow<T>(doc: NewDoc<T>): Row {
  return {
    kind: doc.kind,
    pk: doc.pk,
    id: doc.id,
    data: JSON.stringify(doc.data ?? null),
    etag: randomUUID(),
    due_at: doc.dueAt ?? null,
  };
}

function toDoc<T>(row: Row): StoredDoc<T> {
  return {
    kind: row.kind,
    pk: row.pk,
    id: row.id,
    data: JSON.parse(row.data) as T,
    dueAt: row.due_at,
    etag: row.etag,
  };
}

/** A statement's own error: a conflict or a stale etag is the caller's to handle; anything else is a failed write. */
function refusedOrFailed(error: unknown): unknown {
  return error instanceof ConflictError || error instanceof PreconditionFailedError ? error : new StoreWriteError(error);
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as Error & { code?: unknown }).code === code;
}
