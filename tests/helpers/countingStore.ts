/**
 * A Store that counts the documents it hands out and records the writes it makes; every
 * call goes to the wrapped store. The benchmark counts a sweep's reads with it; the fuzz
 * tests check that bad input wrote nothing.
 */
import type { DocKey, NewDoc, PartitionSelector, Store, StoredDoc } from '../../services/store/store';

export class CountingStore implements Store {
  /** Documents returned by get, list, getMany, readPartition and due. */
  read = 0;
  /** Keys written (create, upsert, replace, delete), in order. */
  readonly writes: DocKey[] = [];

  constructor(private readonly inner: Store) {}

  get kind() {
    return this.inner.kind;
  }

  get written(): number {
    return this.writes.length;
  }

  reset(): void {
    this.read = 0;
    this.writes.length = 0;
  }

  async get<T>(key: DocKey): Promise<StoredDoc<T> | undefined> {
    const doc = await this.inner.get<T>(key);
    if (doc) this.read++;
    return doc;
  }

  async list<T>(kind: string, pk: string, idPrefix?: string): Promise<StoredDoc<T>[]> {
    return this.counted(await this.inner.list<T>(kind, pk, idPrefix));
  }

  async due<T>(kind: string, until: string, limit: number): Promise<StoredDoc<T>[]> {
    return this.counted(await this.inner.due<T>(kind, until, limit));
  }

  async getMany<T>(kind: string, pk: string, ids: readonly string[]): Promise<StoredDoc<T>[]> {
    return this.counted(await this.inner.getMany<T>(kind, pk, ids));
  }

  async readPartition(pk: string, selectors: readonly PartitionSelector[]): Promise<StoredDoc<unknown>[]> {
    return this.counted(await this.inner.readPartition(pk, selectors));
  }

  create<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    this.wrote(doc);
    return this.inner.create(doc);
  }

  upsert<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    this.wrote(doc);
    return this.inner.upsert(doc);
  }

  replace<T>(doc: NewDoc<T>, ifMatch: string): Promise<StoredDoc<T>> {
    this.wrote(doc);
    return this.inner.replace(doc, ifMatch);
  }

  delete(key: DocKey): Promise<void> {
    this.wrote(key);
    return this.inner.delete(key);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /** Not counted: the probe writes no document. */
  probeWrite(): Promise<void> {
    return this.inner.probeWrite();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private wrote(key: DocKey): void {
    this.writes.push({ kind: key.kind, pk: key.pk, id: key.id });
  }

  private counted<T>(docs: StoredDoc<T>[]): StoredDoc<T>[] {
    this.read += docs.length;
    return docs;
  }
}
