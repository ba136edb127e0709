/**
 * Shared set-up for the deadlines tests: services on a store with the example network
 * and meeting, a ManualClock, and a delivery port that records what it was asked to send.
 */
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { NudgeScheduler, type Nudge, type NudgeDelivery, type SchedulerOptions } from '../../services/deadlines';
import type { Store } from '../../services/store/store';
import { exampleMeeting, exampleNetwork } from '../helpers/bot';

export const SECRETARY = 'mette.kofoed@example.dk';
export const CHAIR = 'anne.lund@example.dk';
export const REGIONS = ['mads.kjaer@example.dk', 'soren.ahl@example.dk', 'karen.ostby@example.dk', 'lise.damgaard@example.dk', 'jens.praest@example.dk'];

export interface Seeded {
  services: Services;
  clock: ManualClock;
}

/** Services at `now` (default: just after the example meeting, Wednesday 2 June 2021 15.10 local). */
export async function seeded(store: Store, now = new Date('2021-06-02T13:10:00Z')): Promise<Seeded> {
  const clock = new ManualClock(now);
  const services = createServices(store, clock);
  await services.networks.import(exampleNetwork());
  await services.meetings.import(exampleMeeting());
  return { services, clock };
}

/** Records every nudge; `fail` may throw for a nudge to simulate the connector. */
export class RecordingDelivery implements NudgeDelivery {
  readonly sent: (Nudge & { at: Date })[] = [];
  fail?: (nudge: Nudge) => void;

  constructor(private readonly clock: ManualClock) {}

  async deliver(nudge: Nudge): Promise<void> {
    this.fail?.(nudge);
    this.sent.push({ ...nudge, at: this.clock.now() });
  }

  /** "soren.ahl@example.dk before" per send, in order. */
  log(): string[] {
    return this.sent.map((n) => `${n.assignee.email} ${n.reason}`);
  }
}

/** A scheduler on these services whose pacing runs on the ManualClock (a wait moves the clock). */
export function scheduler(s: Seeded, delivery: NudgeDelivery, options: Partial<SchedulerOptions> = {}): NudgeScheduler {
  return new NudgeScheduler({
    store: s.services.store,
    clock: s.clock,
    networks: s.services.networks,
    deadlines: s.services.deadlines,
    delivery,
    pacing: { now: () => s.clock.now().getTime(), sleep: async (ms) => s.clock.advance(ms) },
    ...options,
  });
}
