import type { Clock } from '../clock';
import { meetingPartition } from '../meetings';
import { updateDoc, type DocKey, type Store } from '../store/store';
import { Signal } from '../signal';
import { FANOUT_KIND, type FanoutDoc, type FanoutRef, type Recipient } from './model';

export const fanoutKey = (ref: FanoutRef): DocKey => ({
  kind: FANOUT_KIND,
  pk: meetingPartition({ networkId: ref.networkId, id: ref.meetingId }),
  id: ref.purpose === 'voteReminder' ? `voteReminder-${ref.itemNumber ?? 0}` : ref.purpose,
});

/**
 * What asking again does:
 * - `topUp`: members not reached yet are queued (newcomers, and those unreachable or refused
 *   before); members sent to or still queued are left alone, so a retried click queues nothing;
 * - `{ repeatAfterMs }`: nothing while the last batch is being sent or was finished less than
 *   this long ago (a retried click, a double click); after that a new batch to `emails`.
 */
export type Again = 'topUp' | { repeatAfterMs: number };

export interface Queued {
  /** The fan-out as stored now; none when there was nobody to send to. */
  job?: FanoutDoc;
  /** Members this call queued; empty when it changed nothing. */
  queued: string[];
}

/**
 * Queues fan-outs in the store, one document each, and wakes the sweep that sends them
 * (services/deadlines/scheduler.ts, under its lease and within Teams' rates).
 */
export class Fanout {
  private readonly queued = new Signal();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(ref: FanoutRef): Promise<FanoutDoc | undefined> {
    return (await this.store.get<FanoutDoc>(fanoutKey(ref)))?.data;
  }

  /**
   * Queues the message to these members (one write, whatever their number). The caller
   * answers the one who asked and then calls `wake`, so their answer goes out first.
   */
  async enqueue(ref: FanoutRef, emails: string[], by: string, again: Again): Promise<Queued> {
    const now = this.clock.now();
    const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
    const fresh = (email: string): Recipient => ({ email, state: 'queued', attempts: 0 });
    let queued: string[] = [];
    const doc = await updateDoc<FanoutDoc>(this.store, fanoutKey(ref), (current) => {
      const repeat = again !== 'topUp' && current?.finishedAt !== undefined && Date.parse(current.finishedAt) + again.repeatAfterMs <= now.getTime();
      if (!current || repeat) {
        queued = wanted;
        const data: FanoutDoc = { ...ref, by: by.toLowerCase(), queuedAt: now.toISOString(), recipients: wanted.map(fresh) };
        return wanted.length ? { data, dueAt: now.toISOString() } : undefined;
      }
      queued = [];
      if (again !== 'topUp') return undefined;
      const known = new Set(current.recipients.map((r) => r.email));
      const retry = (r: Recipient) => (r.state === 'unreachable' || r.state === 'failed') && wanted.includes(r.email);
      const recipients = [...current.recipients.map((r) => (retry(r) ? fresh(r.email) : r)), ...wanted.filter((e) => !known.has(e)).map(fresh)];
      queued = recipients.filter((r, i) => r.state === 'queued' && r !== current.recipients[i]).map((r) => r.email);
      if (!queued.length) return undefined;
      const { finishedAt: _finished, ...unfinished } = current;
      return { data: { ...unfinished, recipients }, dueAt: now.toISOString() };
    });
    return { job: doc?.data, queued };
  }

  /** Called when fan-outs were queued: the sweep starts at once instead of on its next tick. */
  onQueued(listener: () => void): () => void {
    return this.queued.listen(listener);
  }

  wake(): void {
    this.queued.notify();
  }
}
