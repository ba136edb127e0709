/**
 * The right to sweep: one document every scheduler instance on a store competes for with
 * ETag-checked writes. The holder sends nudges until its lease runs out; the others find
 * it held and leave the due nudges to it. One sender at a time is what keeps each nudge
 * to one send, and the app as a whole within Teams' per-app rate, without a durable
 * claim per nudge.
 */
import type { Clock } from '../clock';
import { updateDoc, type DocKey, type Store } from '../store/store';

export interface SweepLeaseDoc {
  owner: string;
  /** ISO instant; after it, anyone may take the lease. */
  until: string;
}

export const SWEEP_LEASE_KEY: DocKey = { kind: 'nudgeSweep', pk: 'nudges', id: 'lease' };

export class SweepLease {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Takes or extends the lease (when less than half of it is left) for another leaseMs.
   * False when another instance holds it: this one must not send.
   */
  async hold(): Promise<boolean> {
    let held = false;
    await updateDoc<SweepLeaseDoc>(this.store, SWEEP_LEASE_KEY, (current) => {
      const now = this.clock.now().getTime();
      const left = current ? Date.parse(current.until) - now : 0;
      held = !current || current.owner === this.owner || left <= 0;
      if (!held || (current?.owner === this.owner && left > this.leaseMs / 2)) return undefined;
      return { data: { owner: this.owner, until: new Date(now + this.leaseMs).toISOString() } };
    });
    return held;
  }

  /** Gives the lease up at the end of a sweep, so another instance may sweep at once. */
  async release(): Promise<void> {
    await updateDoc<SweepLeaseDoc>(this.store, SWEEP_LEASE_KEY, (current) =>
      current?.owner === this.owner ? { data: { owner: this.owner, until: this.clock.now().toISOString() } } : undefined,
    );
  }
}
