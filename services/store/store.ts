/**
 * The one storage contract of Referent. Two implementations honour it: an embedded
 * SQLite file (default) and Cosmos DB (production). Documents are grouped by `kind` and
 * kept in a partition `pk` (a network's or a meeting's id) so that one meeting's data
 * stays together; `dueAt` is an optional ISO time indexed for time-ordered sweeps.
 */

export interface DocKey {
  kind: string;
  pk: string;
  id: string;
}

export interface NewDoc<T> extends DocKey {
  data: T;
  /** ISO-8601 UTC instant; documents with one can be found with `due()`. */
  dueAt?: string | null;
}

export interface StoredDoc<T> extends NewDoc<T> {
  /** Opaque version tag; changes on every write. */
  etag: string;
}

/** What one read of a partition takes: every document of `kind`, or only the one with `id`, or those whose id starts with `idPrefix`. */
export interface PartitionSelector {
  kind: string;
  id?: string;
  idPrefix?: string;
}

export interface Store {
  readonly kind: 'embedded' | 'cosmos';
  get<T>(key: DocKey): Promise<StoredDoc<T> | undefined>;
  /** Every document of a kind in one partition, ordered by id; only those whose id starts with `idPrefix` when given. */
  list<T>(kind: string, pk: string, idPrefix?: string): Promise<StoredDoc<T>[]>;
  /** The documents of a kind in one partition with these ids, in the order of `ids`; those missing are left out. */
  getMany<T>(kind: string, pk: string, ids: readonly string[]): Promise<StoredDoc<T>[]>;
  /** The documents of one partition that any selector names, in one read (one request on Cosmos); in no particular order. */
  readPartition(pk: string, selectors: readonly PartitionSelector[]): Promise<StoredDoc<unknown>[]>;
  /** Writes a new document; throws ConflictError if the key exists. */
  create<T>(doc: NewDoc<T>): Promise<StoredDoc<T>>;
  /** Writes a document whatever was there before (last writer wins). */
  upsert<T>(doc: NewDoc<T>): Promise<StoredDoc<T>>;
  /** Overwrites only if the stored etag still equals `ifMatch`; else PreconditionFailedError. */
  replace<T>(doc: NewDoc<T>, ifMatch: string): Promise<StoredDoc<T>>;
  /** Removes a document; a missing one is not an error. */
  delete(key: DocKey): Promise<void>;
  /** Documents of a kind whose dueAt <= `until`, oldest first, at most `limit`, across partitions. */
  due<T>(kind: string, until: string, limit: number): Promise<StoredDoc<T>[]>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * Makes one small write of its own (no document) and resolves once the store has kept it;
   * rejects with StoreWriteError when the store cannot write (disk full, read-only, offline).
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}

/** The store is not set up as the bot needs it (e.g. a missing Cosmos container); the message says what to create. */
export class StoreSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSetupError';
  }
}

export class ConflictError extends Error {
  constructor(key: DocKey) {
    super(`document already exists: ${key.kind}/${key.pk}/${key.id}`);
    this.name = 'ConflictError';
  }
}

export class PreconditionFailedError extends Error {
  constructor(key: DocKey) {
    super(`document changed since it was read: ${key.kind}/${key.pk}/${key.id}`);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * A write the store could not make — the disk is full or read-only, an I/O error, the
 * database unreachable — as opposed to a conflict the caller handles. Nothing of it may be
 * taken as saved, and the member who asked is told so.
 */
export class StoreWriteError extends Error {
  constructor(cause: unknown) {
    super(`the store could not write: ${describe(cause)}`, { cause });
    this.name = 'StoreWriteError';
  }
}

/** A store that cannot be used at start (empty, damaged, read-only, full): which file, and why. Also the operator's to fix. */
export class StoreUnusableError extends StoreSetupError {
  constructor(where: string, cause: unknown) {
    super(`the store ${where} cannot be used: ${describe(cause instanceof StoreWriteError ? cause.cause : cause)}`);
    this.cause = cause;
    this.name = 'StoreUnusableError';
  }
}

/** A selector names one document or a range of ids, not both: asking for both is a mistake in the calling code. */
export function checkSelector(selector: PartitionSelector): void {
  if (selector.id !== undefined && selector.idPrefix !== undefined) {
    throw new Error(`a partition selector of kind ${selector.kind} gives both an id and an id prefix`);
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}

const UPDATE_ATTEMPTS = 50;

type Change<T> = { data: T; dueAt?: string | null } | undefined;

/**
 * Read-modify-write with optimistic concurrency: `change` gets the current data (or
 * undefined) and returns the new data, or undefined to leave the document untouched; what
 * it reads itself is read after the document, on every attempt.
 * Retries when another writer got there first, so no concurrent update is lost.
 * `known`, a version the caller has just read or written (null: found missing), saves the first read.
 */
export async function updateDoc<T>(
  store: Store,
  key: DocKey,
  change: (current: T | undefined) => Change<T> | Promise<Change<T>>,
  known?: StoredDoc<T> | null,
): Promise<StoredDoc<T> | undefined> {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
    const current = attempt === 0 && known !== undefined ? (known ?? undefined) : await store.get<T>(key);
    const next = await change(current?.data);
    if (!next) return current;
    const doc: NewDoc<T> = { ...key, data: next.data, dueAt: next.dueAt === undefined ? current?.dueAt : next.dueAt };
    try {
      return current ? await store.replace(doc, current.etag) : await store.create(doc);
    } catch (err) {
      if (!(err instanceof PreconditionFailedError || err instanceof ConflictError)) throw err;
      // Jittered backoff spreads the losers out, so a burst of writers converges quickly.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
  throw new Error(`gave up updating ${key.kind}/${key.pk}/${key.id} after ${UPDATE_ATTEMPTS} concurrent conflicts`);
}
