/**
 * Who changed what, when: every change made through a form is written here, one document
 * per change in the network's partition. Forms submit once: a form carries an id, and a
 * second submit of the same form (a double click, a retried request) gets the first one's
 * result instead of doing the change again.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { ConflictError, type Store } from './store/store';

export interface AuditEntry {
  at: string;
  /** The e-mail of the member who made the change. */
  by: string;
  /** What was done, e.g. "meeting.create". */
  action: string;
  /** What it was done to, e.g. the meeting's id. */
  target: string;
  /** The form the change came from, if any. */
  formId?: string;
}

interface FormDoc {
  status: 'pending' | 'done';
  result?: string;
}

/** What a form's id must look like (it is a store key). */
export const FORM_ID = /^[A-Za-z0-9-]{8,64}$/;

export class Audit {
  private written = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async record(networkId: string, entry: Omit<AuditEntry, 'at'>): Promise<AuditEntry> {
    const at = this.clock.now().toISOString();
    const data: AuditEntry = { at, ...entry };
    // Ordered by time, then by the order of writes in this process (two changes may share a millisecond).
    const id = `${at}-${String(this.written++).padStart(10, '0')}-${randomUUID().slice(0, 8)}`;
    await this.store.create({ kind: 'audit', pk: networkId, id, data });
    return data;
  }

  /** The network's audit trail, oldest first. */
  async list(networkId: string): Promise<AuditEntry[]> {
    return (await this.store.list<AuditEntry>('audit', networkId)).map((d) => d.data);
  }

  /**
   * Runs `change` once per form id and remembers its result (a short text, e.g. an id).
   * A repeat gets `{ result, repeated: true }`; a repeat while the first is still running is
   * refused as busy; a change that throws leaves the form free to be submitted again.
   */
  async once(networkId: string, formId: string, change: () => Promise<string>): Promise<{ result: string; repeated: boolean }> {
    if (!FORM_ID.test(formId)) throw new DomainError('common.staleCard', {}, `form id "${formId}" is malformed`);
    const key = { kind: 'formSubmit', pk: networkId, id: formId };
    try {
      await this.store.create<FormDoc>({ ...key, data: { status: 'pending' } });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const doc = (await this.store.get<FormDoc>(key))?.data;
      if (doc?.status === 'done' && doc.result !== undefined) return { result: doc.result, repeated: true };
      throw new DomainError('planning.busy', {}, `form ${formId} is being submitted`);
    }
    let result: string;
    try {
      result = await change();
    } catch (err) {
      await this.store.delete(key);
      throw err;
    }
    await this.store.upsert<FormDoc>({ ...key, data: { status: 'done', result } });
    return { result, repeated: false };
  }
}
