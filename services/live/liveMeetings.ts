/**
 * Running a network meeting from its Teams meeting: which Teams meeting is which Referent
 * meeting (linked by a leader, or matched by its start time), and the meeting's actual
 * start and end as Teams reports them. Teams sends a start only when someone starts the
 * meeting and may send it again (a restart) or never send the end: the first start sets
 * the clock, a start after an end resumes the meeting, and the sweep (./sweep.ts) ends
 * a meeting Teams forgot.
 */
import type { Agenda } from '../agenda/agenda';
import { requireLeading } from '../agenda/leading';
import { schedule, type ScheduledItem } from '../agenda/schedule';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { ConversationReference } from '../identity';
import type { MeetingRef, Meetings } from '../meetings';
import type { Meeting, Member } from '../model';
import { updateDoc, type Store } from '../store/store';
import {
  EARLY_START_MS,
  MISSING_END_MS,
  OVERRUN_GRACE_MS,
  liveMeetingKey,
  teamsMeetingLinkKey,
  type LiveMeetingDoc,
  type TeamsMeetingLinkDoc,
} from './model';

/** A Teams meeting as its events name it. */
export interface TeamsMeetingRef {
  teamsMeetingId: string;
  tenantId: string;
  conversation: ConversationReference;
}

export type StartOutcome = 'started' | 'resumed' | 'running';

/** While a meeting runs the sweep looks at it at least this often (the chair may move to another item at any time). */
const POLL_MS = 60_000;

export class LiveMeetings {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly meetings: Meetings,
    private readonly agenda: Agenda,
  ) {}

  async linkOf(teamsMeetingId: string): Promise<TeamsMeetingLinkDoc | undefined> {
    return (await this.store.get<TeamsMeetingLinkDoc>(teamsMeetingLinkKey(teamsMeetingId)))?.data;
  }

  /**
   * Links a Teams meeting to a meeting of the network: by a leader, or `automatic` when its
   * start matched. Linking it again to another meeting moves the link; the same link again writes nothing.
   */
  async link(meeting: Meeting, by: Member | 'automatic', teams: TeamsMeetingRef): Promise<{ changed: boolean }> {
    if (by !== 'automatic') requireLeading(by);
    if (meeting.cancelled) throw new DomainError('live.cancelled', { meeting: meeting.title }, `meeting ${meeting.id} is cancelled`);
    let changed = false;
    await updateDoc<TeamsMeetingLinkDoc>(this.store, teamsMeetingLinkKey(teams.teamsMeetingId), (current) => {
      changed = current?.networkId !== meeting.networkId || current.meetingId !== meeting.id || current.tenantId !== teams.tenantId;
      if (!changed) return undefined;
      const linkedBy = by === 'automatic' ? by : by.email;
      return { data: { ...teams, networkId: meeting.networkId, meetingId: meeting.id, linkedBy, linkedAt: this.clock.now().toISOString() } };
    });
    return { changed };
  }

  /**
   * The meeting a Teams meeting starting at `at` must be: of the networks given, the one
   * meeting (not cancelled) whose time it starts in, or up to an hour before. None when no
   * meeting or more than one fits: then a leader links it from the agenda card.
   */
  async match(networkIds: string[], at: Date): Promise<Meeting | undefined> {
    const t = at.getTime();
    const all = (await Promise.all(networkIds.map((id) => this.meetings.list(id)))).flat();
    const fitting = all.filter((m) => !m.cancelled && Date.parse(m.start) - EARLY_START_MS <= t && t <= Date.parse(m.end));
    return fitting.length === 1 ? fitting[0] : undefined;
  }

  async get(meeting: MeetingRef): Promise<LiveMeetingDoc | undefined> {
    return (await this.store.get<LiveMeetingDoc>(liveMeetingKey(meeting)))?.data;
  }

  /**
   * Records a start event: the first starts the clock (`started`), one after an end resumes
   * the meeting (`resumed`), one while it runs changes nothing that shows (`running`).
   */
  async start(meeting: Meeting, teams: TeamsMeetingRef, at: Date): Promise<{ live: LiveMeetingDoc; outcome: StartOutcome }> {
    let outcome: StartOutcome = 'running';
    const when = at.toISOString();
    const doc = await updateDoc<LiveMeetingDoc>(this.store, liveMeetingKey(meeting), (current) => {
      if (current && !current.endedAt) {
        outcome = 'running';
        return current.starts.includes(when) ? undefined : { data: { ...current, starts: [...current.starts, when] } };
      }
      outcome = current ? 'resumed' : 'started';
      const data: LiveMeetingDoc = current
        ? { ...current, starts: [...current.starts, when], conversation: teams.conversation }
        : { networkId: meeting.networkId, meetingId: meeting.id, ...teams, startedAt: when, starts: [when], overrunNoted: [] };
      delete data.endedAt;
      delete data.endedBy;
      return { data, dueAt: this.nextCheck(meeting, data) };
    });
    return { live: doc!.data, outcome };
  }

  /** Records the end; true for the one call that ended it (an end of a meeting not running changes nothing). */
  async end(meeting: MeetingRef, at: Date, by: NonNullable<LiveMeetingDoc['endedBy']>): Promise<{ live?: LiveMeetingDoc; ended: boolean }> {
    let ended = false;
    const doc = await updateDoc<LiveMeetingDoc>(this.store, liveMeetingKey(meeting), (current) => {
      ended = Boolean(current && !current.endedAt);
      return current && ended ? { data: { ...current, endedAt: at.toISOString(), endedBy: by }, dueAt: null } : undefined;
    });
    return { live: doc?.data, ended };
  }

  /** Each item's planned start and end, from the moment the meeting actually started. */
  itemClock(meeting: Meeting, live: Pick<LiveMeetingDoc, 'startedAt'>): ScheduledItem[] {
    return schedule(meeting, new Date(live.startedAt));
  }

  /** When a meeting Teams never said had ended counts as ended: an hour after its planned end, or its scheduled end if later. */
  endsBy(meeting: Meeting, live: Pick<LiveMeetingDoc, 'startedAt'>): Date {
    const planned = this.itemClock(meeting, live).at(-1)?.end.getTime() ?? Date.parse(meeting.end);
    return new Date(Math.max(planned, Date.parse(meeting.end)) + MISSING_END_MS);
  }

  /** Records that the chair was told the item runs over, and plans the next look. */
  async noted(meeting: Meeting, itemNumber: number): Promise<void> {
    await updateDoc<LiveMeetingDoc>(this.store, liveMeetingKey(meeting), (current) => {
      if (!current || current.endedAt || current.overrunNoted.includes(itemNumber)) return undefined;
      const data = { ...current, overrunNoted: [...current.overrunNoted, itemNumber] };
      return { data, dueAt: this.nextCheck(meeting, data) };
    });
  }

  /** Plans the next look at a running meeting (the sweep looked and found nothing to do now). */
  async reschedule(meeting: Meeting): Promise<void> {
    await updateDoc<LiveMeetingDoc>(this.store, liveMeetingKey(meeting), (current) => (current && !current.endedAt ? { data: current, dueAt: this.nextCheck(meeting, current) } : undefined));
  }

  /**
   * The item the meeting is at, if it has run over its planned end by the grace and the chair
   * has not been told yet.
   */
  async overrun(meeting: Meeting, live: LiveMeetingDoc): Promise<{ item: ScheduledItem; next?: ScheduledItem } | undefined> {
    const current = await this.agenda.currentItem(meeting);
    if (!current || live.overrunNoted.includes(current.number)) return undefined;
    const planned = this.itemClock(meeting, live);
    const index = planned.findIndex((s) => s.item.number === current.number);
    const item = planned[index];
    if (!item || this.now() < item.end.getTime() + OVERRUN_GRACE_MS) return undefined;
    return { item, next: planned[index + 1] };
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private nextCheck(meeting: Meeting, live: LiveMeetingDoc): string {
    return new Date(Math.min(this.now() + POLL_MS, this.endsBy(meeting, live).getTime())).toISOString();
  }
}
