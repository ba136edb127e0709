/**
 * The embedded store's parsed documents, kept between reads. A turn reads the same few
 * documents again and again (the roster, the meeting of tens of KB, the vote, an item's
 * 1,000 ballots), and parsing them was most of what a ballot click cost. Entries are
 * written through by the store's own commits; the store empties the cache whenever another
 * connection has committed (SQLite's data_version), so a read never returns less than the
 * file holds. Cached documents are frozen: every reader shares them.
 *
 * `get` remembers single documents (and that a key is absent); `list` remembers whole
 * partitions, in SQLite's order of ids (bytewise, as UTF-8).
 */
import { deepFreeze } from '../deepFreeze';
import type { DocKey, StoredDoc } from './store';

/**
 * What the cache takes in, counted in characters of JSON (parsed, a few times that in
 * memory); past it, it starts again empty. An item's 1,000 ballots are about 250,000.
 */
const BUDGET_CHARS = 8 * 1024 * 1024;

type Doc = StoredDoc<unknown>;

export class DocCache {
  /** Per key: the document, or null if it is known not to exist. */
  private readonly docs = new Map<string, Doc | null>();
  /** Per kind and partition: every document in it, sorted by id. */
  private readonly partitions = new Map<string, Doc[]>();
  private chars = 0;

  get(key: DocKey): Doc | null | undefined {
    return this.docs.get(docId(key));
  }

  /** `size`: the length of the document's JSON, for the budget. */
  rememberDoc(key: DocKey, doc: Doc | null, size: number): void {
    this.spend(size);
    this.docs.set(docId(key), doc && deepFreeze(doc));
  }

  list(kind: string, pk: string): Doc[] | undefined {
    return this.partitions.get(partitionId(kind, pk))?.slice();
  }

  rememberPartition(kind: string, pk: string, docs: Doc[], size: number): void {
    this.spend(size);
    this.partitions.set(partitionId(kind, pk), docs.map(deepFreeze));
  }

  /** A committed write: `doc` is the document now stored under `key`, null after a delete. */
  wrote(key: DocKey, doc: Doc | null, size: number): void {
    if (doc) deepFreeze(doc);
    const id = docId(key);
    if (this.docs.has(id)) {
      this.spend(size);
      this.docs.set(id, doc);
    }
    const partition = this.partitions.get(partitionId(key.kind, key.pk));
    if (!partition) return;
    this.spend(size);
    const at = position(partition, key.id);
    const present = at < partition.length && partition[at].id === key.id;
    if (doc) partition.splice(at, present ? 1 : 0, doc);
    else if (present) partition.splice(at, 1);
  }

  clear(): void {
    this.docs.clear();
    this.partitions.clear();
    this.chars = 0;
  }

  private spend(size: number): void {
    this.chars += size;
    if (this.chars > BUDGET_CHARS) this.clear();
  }
}

const docId = (key: DocKey) => `${key.kind}\u0000${key.pk}\u0000${key.id}`;
const partitionId = (kind: string, pk: string) => `${kind}\u0000${pk}`;

/** Where `id` is, or would go, in the partition (binary search). */
function position(docs: Doc[], id: string): number {
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareIds(docs[mid].id, id) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** SQLite's BINARY order of UTF-8 bytes; the same as JavaScript's order of UTF-16 units unless a surrogate pair is involved. */
function compareIds(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : a > b ? 1 : 0;
}
