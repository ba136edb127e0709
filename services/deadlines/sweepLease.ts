/**
 * The right to sweep: one document every scheduler instance on a store competes for with
 * ETag-checked writes. The holder sends nudges until its lease runs out; the others find
 * it held and leave the due nudges to it. One sender at a time is what keeps each nudge
 * to one send, and the app as a whole within Teams' per-app rate, without a durable
 * claim per nudge.
 */
import type { Clock } from '../clock';
import { PreconditionFailedError, updateDoc, type DocKey, type Store, type StoredDoc } from '../store/store';

export interface SweepLeaseDoc {
  owner: string;
  /** ISO instant; after it, anyone may take the lease. */
  until: string;
}

export const SWEEP_LEASE_KEY: DocKey = { kind: 'nudgeSweep', pk: 'nudges', id: 'lease' };

export class SweepLease {
  /** The lease as this instance last wrote it; gone once it is lost or released. */
  private mine?: { etag: string; until: number };
  private extending?: Promise<boolean>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes the lease for a sweep if it is free, run out, or this instance's. */
  async take(): Promise<boolean> {
    const now = this.clock.now().getTime();
    let taken = false;
    const doc = await updateDoc<SweepLeaseDoc>(this.store, SWEEP_LEASE_KEY, (current) => {
      taken = !current || current.owner === this.owner || Date.parse(current.until) <= now;
      return taken ? { data: this.lease(now) } : undefined;
    });
    this.mine = taken && doc ? { etag: doc.etag, until: now + this.leaseMs } : undefined;
    return taken;
  }

  /**
   * Whether this instance may still send: yes while more than half of its lease is left (no
   * store access); else it extends the lease, but only if nobody wrote it since this
   * instance did. Once anyone else has held it, what this sweep read may have been sent by
   * them: it stops, and the next sweep reads afresh.
   */
  keep(): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (!this.mine) return Promise.resolve(false);
    if (this.mine.until - now > this.leaseMs / 2) return Promise.resolve(true);
    // Sends in flight ask at once: one extension serves them all (a second would find the first's etag).
    this.extending ??= this.extend(this.mine.etag, now).finally(() => (this.extending = undefined));
    return this.extending;
  }

  private async extend(etag: string, now: number): Promise<boolean> {
    const doc = await this.rewrite(this.lease(now), etag);
    this.mine = doc && { etag: doc.etag, until: now + this.leaseMs };
    return Boolean(doc);
  }

  /** Gives the lease up at the end of a sweep, so another instance may sweep at once. */
  async release(): Promise<void> {
    const mine = this.mine;
    this.mine = undefined;
    if (mine) await this.rewrite({ owner: this.owner, until: this.clock.now().toISOString() }, mine.etag);
  }

  /** Writes the lease if it is still as this instance wrote it; undefined once another has written it. */
  private async rewrite(data: SweepLeaseDoc, etag: string): Promise<StoredDoc<SweepLeaseDoc> | undefined> {
    try {
      return await this.store.replace({ ...SWEEP_LEASE_KEY, data }, etag);
    } catch (err) {
      if (err instanceof PreconditionFailedError) return undefined;
      throw err;
    }
  }

  private lease(now: number): SweepLeaseDoc {
    return { owner: this.owner, until: new Date(now + this.leaseMs).toISOString() };
  }
}
