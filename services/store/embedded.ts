/**
 * The default store: one SQLite file (`referent.db`) in the data directory. WAL with
 * synchronous=FULL means a write whose promise resolved is on disk and survives kill -9
 * or power loss. Every mutation is a single statement, so each check-then-write (create
 * on a taken key, replace on a stale etag) is atomic without an explicit transaction,
 * also against another process sharing the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ConflictError, PreconditionFailedError } from './store';
import type { DocKey, NewDoc, Store, StoredDoc } from './store';

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
`;

export const EMBEDDED_DB_FILE = 'referent.db';

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepare>;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.stmt = prepare(this.db);
  }

  static async open(dataDir: string): Promise<EmbeddedStore> {
    return new EmbeddedStore(dataDir);
  }

  async get<T>(key: DocKey): Promise<StoredDoc<T> | undefined> {
    const row = this.stmt.get.get(key.kind, key.pk, key.id) as Row | undefined;
    return row && toDoc<T>(row);
  }

  async list<T>(kind: string, pk: string): Promise<StoredDoc<T>[]> {
    return (this.stmt.list.all(kind, pk) as Row[]).map((r) => toDoc<T>(r));
  }

  async create<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    try {
      this.stmt.insert.run(row);
    } catch (err) {
      if (isCode(err, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new ConflictError(doc);
      throw err;
    }
    return toDoc<T>(row);
  }

  async upsert<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    this.stmt.upsert.run(row);
    return toDoc<T>(row);
  }

  async replace<T>(doc: NewDoc<T>, ifMatch: string): Promise<StoredDoc<T>> {
    const row = toRow(doc);
    // The etag test is in the WHERE clause: a stale or missing document changes no row.
    if (this.stmt.replace.run({ ...row, ifMatch }).changes === 0) throw new PreconditionFailedError(doc);
    return toDoc<T>(row);
  }

  async delete(key: DocKey): Promise<void> {
    this.stmt.delete.run(key.kind, key.pk, key.id);
  }

  async due<T>(kind: string, until: string, limit: number): Promise<StoredDoc<T>[]> {
    return (this.stmt.due.all(kind, until, limit) as Row[]).map((r) => toDoc<T>(r));
  }

  async ping(): Promise<void> {
    this.stmt.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    get: db.prepare('SELECT * FROM docs WHERE kind = ? AND pk = ? AND id = ?'),
    list: db.prepare('SELECT * FROM docs WHERE kind = ? AND pk = ? ORDER BY id'),
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

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as Error & { code?: unknown }).code === code;
}
