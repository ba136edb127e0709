/**
 * The item clock of meetings in progress, swept under the nudge sweep's lease (one instance
 * at a time): an item that runs past its planned end by the grace gets the chair one short
 * private note, once per item; a meeting Teams never said had ended is ended, and its
 * summary posted, an hour after its planned end. A note is recorded after Teams took it,
 * as a nudge is: a recorded note is never sent again, by this instance or another.
 */
import type { ScheduledItem } from '../agenda/schedule';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { SweepJob, SweepSends } from '../deadlines/scheduler';
import type { Meetings } from '../meetings';
import type { Meeting, Member, Network } from '../model';
import { findMember, type Networks } from '../networks';
import type { Store, StoredDoc } from '../store/store';
import type { LiveMeetings } from './liveMeetings';
import { LIVE_MEETING, type LiveMeetingDoc } from './model';

/** The Teams side of the item clock. */
export interface LiveDelivery {
  /** The private note to the chair: `item` runs over; `next` is the item after it. */
  overrun(note: { meeting: Meeting; network: Network; chair: Member; item: ScheduledItem; next?: ScheduledItem }): Promise<void>;
  /** The meeting has ended: the summary card in its Teams meeting. */
  ended(meeting: Meeting, network: Network, live: LiveMeetingDoc): Promise<void>;
}

export interface LiveSweepLog {
  warn(obj: object, msg: string): void;
}

const PAGE = 50;

export class LiveMeetingSweep implements SweepJob {
  readonly kind = LIVE_MEETING;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly networks: Networks,
    private readonly meetings: Meetings,
    private readonly live: LiveMeetings,
    private readonly delivery: LiveDelivery,
    private readonly log: LiveSweepLog,
  ) {}

  async run(until: string, held: () => Promise<boolean>, sends: SweepSends): Promise<number> {
    const docs = await this.store.due<LiveMeetingDoc>(LIVE_MEETING, until, PAGE);
    let handled = 0;
    for (const doc of docs) {
      if (!(await held())) break;
      try {
        await this.look(doc, held, sends);
        handled++;
      } catch (err) {
        // Left due: the next sweep looks again.
        this.log.warn({ err, meeting: doc.data.meetingId }, 'could not look at a meeting in progress');
      }
    }
    return handled;
  }

  private async look({ data: live }: StoredDoc<LiveMeetingDoc>, held: () => Promise<boolean>, sends: SweepSends): Promise<void> {
    const [meeting, network] = await Promise.all([this.meetings.get(live.networkId, live.meetingId), this.networks.get(live.networkId)]);
    if (!meeting || !network) {
      await this.live.end({ networkId: live.networkId, id: live.meetingId }, this.clock.now(), 'sweep');
      return;
    }
    if (this.clock.now() >= this.live.endsBy(meeting, live)) {
      const { live: ended, ended: byThis } = await this.live.end(meeting, this.clock.now(), 'sweep');
      if (byThis && ended) await this.delivery.ended(meeting, network, ended);
      return;
    }
    const overrun = await this.live.overrun(meeting, live);
    const chair = findMember(network, meeting.chair);
    if (overrun && chair) {
      // Paced with the nudges; the lease is asked again after the wait, as a nudge's send does.
      await sends.pace(chair.email);
      if (!(await held())) return;
      try {
        await this.delivery.overrun({ meeting, network, chair, ...overrun });
      } catch (err) {
        // A chair the bot cannot reach yet (never wrote to it) is not asked again every minute.
        if (!(err instanceof DomainError)) throw err;
        this.log.warn({ err: err.message, meeting: meeting.id }, 'could not tell the chair that an item runs over');
      }
      await this.live.noted(meeting, overrun.item.item.number);
      return;
    }
    await this.live.reschedule(meeting);
  }
}
