/**
 * Who is at a meeting: when the chair starts it, everyone on the roster who attends (voting
 * members and staff) is present unless ticked off as an apology (afbud); someone who comes
 * late is recorded as arrived. Voting counts the members present; the minutes list those
 * present and the apologies. One document per meeting.
 *
 * A meeting held in Teams adds what Teams saw: each member's joins and leaves, in a second
 * document per meeting changed by ETag read-modify-write (people joining at once each retry,
 * none is lost), so a vote reads who is there with two point reads. Until the chair records
 * attendance, those who never joined are the absent; a member who joins after the chair
 * recorded them absent arrives.
 */
import { requireLeading } from './agenda/leading';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { meetingPartition, type MeetingRef } from './meetings';
import type { Member, Network } from './model';
import { findMember, type Networks } from './networks';
import { updateDoc, type Store, type StoredDoc } from './store/store';

export interface AttendanceDoc {
  /** E-mails of those who sent apologies and are not (yet) there. */
  absent: string[];
  /** Late arrivals, in order. */
  arrived: { email: string; at: string }[];
  recordedBy: string;
  recordedAt: string;
}

/** One member's time in the meeting as Teams reported it: each join, and the leave that ended it. */
export interface Presence {
  email: string;
  intervals: { joinedAt: string; leftAt?: string }[];
}

interface PresenceDoc {
  members: Presence[];
}

const KIND = 'attendance';
const PRESENCE = 'presence';
const key = (meeting: MeetingRef) => ({ kind: KIND, pk: meetingPartition(meeting), id: KIND });
const presenceKey = (meeting: MeetingRef) => ({ kind: PRESENCE, pk: meetingPartition(meeting), id: PRESENCE });

/** Whether someone was in the meeting at `at` by what Teams reported. */
const inAt = (presence: Presence, at: number) => presence.intervals.some((i) => Date.parse(i.joinedAt) <= at && (i.leftAt === undefined || Date.parse(i.leftAt) > at));

/**
 * E-mails of those absent: with apologies, as the chair recorded; before that, in a meeting
 * held in Teams, everyone on the roster who never joined (`network` is needed only then). With
 * `at`, also those who had left the Teams meeting by then and not come back.
 */
function absentOn(network: Network | undefined, recorded: AttendanceDoc | undefined, presences: Presence[], at?: Date): Set<string> {
  const absent = new Set(recorded?.absent ?? []);
  if (!recorded && presences.length) {
    const joined = new Set(presences.map((p) => p.email));
    for (const member of network?.members ?? []) if (!joined.has(member.email)) absent.add(member.email);
  }
  if (at) for (const p of presences) if (!inAt(p, at.getTime())) absent.add(p.email);
  return absent;
}

export class Attendance {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly networks: Pick<Networks, 'get'>,
  ) {}

  async get(meeting: MeetingRef): Promise<AttendanceDoc | undefined> {
    return (await this.store.get<AttendanceDoc>(key(meeting)))?.data;
  }

  /**
   * What the minutes record: whether attendance was taken (by the chair, or by Teams' join
   * events), and who was absent.
   */
  async attendanceOf(meeting: MeetingRef): Promise<{ taken: boolean; absent: Set<string> }> {
    const [recorded, presences] = await Promise.all([this.get(meeting), this.presence(meeting)]);
    return { taken: Boolean(recorded) || presences.length > 0, absent: await this.absentOf(meeting, recorded, presences) };
  }

  /**
   * E-mails of those absent: with apologies, as the chair recorded; before that, in a meeting
   * held in Teams, everyone on the roster who never joined (none when nobody joined). With
   * `at`, also those who had left the Teams meeting by then and not come back.
   */
  async absentFrom(meeting: MeetingRef, at?: Date): Promise<Set<string>> {
    const [recorded, presences] = await Promise.all([this.get(meeting), this.presence(meeting)]);
    return this.absentOf(meeting, recorded, presences, at);
  }

  readonly absenceDocs = [
    { kind: KIND, id: KIND },
    { kind: PRESENCE, id: PRESENCE },
  ];

  /** The same, from the meeting's attendance and presence documents as read with others, on this roster. */
  absentIn(docs: readonly StoredDoc<unknown>[], network: Network, at: Date): Set<string> {
    const recorded = docs.find((d) => d.kind === KIND)?.data as AttendanceDoc | undefined;
    const presences = (docs.find((d) => d.kind === PRESENCE)?.data as PresenceDoc | undefined)?.members ?? [];
    return absentOn(network, recorded, presences, at);
  }

  private async absentOf(meeting: MeetingRef, recorded: AttendanceDoc | undefined, presences: Presence[], at?: Date): Promise<Set<string>> {
    const network = !recorded && presences.length ? await this.networks.get(meeting.networkId) : undefined;
    return absentOn(network, recorded, presences, at);
  }

  /** What Teams reported of each member's joins and leaves. */
  async presence(meeting: MeetingRef): Promise<Presence[]> {
    return (await this.store.get<PresenceDoc>(presenceKey(meeting)))?.data.members ?? [];
  }

  /** Changes one member's intervals; `edit` returns undefined to leave them. */
  private async changePresence(meeting: MeetingRef, email: string, edit: (intervals: Presence['intervals']) => Presence['intervals'] | undefined): Promise<void> {
    await updateDoc<PresenceDoc>(this.store, presenceKey(meeting), (current) => {
      const members = current?.members ?? [];
      const intervals = edit(members.find((m) => m.email === email)?.intervals ?? []);
      return intervals ? { data: { members: [...members.filter((m) => m.email !== email), { email, intervals }] } } : undefined;
    });
  }

  /**
   * A member joined the Teams meeting at `at`. Joining again while in changes nothing; one
   * the chair recorded absent is recorded as arriving.
   */
  async joined(meeting: MeetingRef, email: string, at: Date): Promise<void> {
    const when = at.toISOString();
    await this.changePresence(meeting, email, (intervals) => (intervals.some((i) => i.leftAt === undefined) ? undefined : [...intervals, { joinedAt: when }]));
    await updateDoc<AttendanceDoc>(this.store, key(meeting), (current) =>
      current?.absent.includes(email) ? { data: { ...current, absent: current.absent.filter((e) => e !== email), arrived: [...current.arrived, { email, at: when }] } } : undefined,
    );
  }

  /** A member left the Teams meeting at `at`. */
  async left(meeting: MeetingRef, email: string, at: Date): Promise<void> {
    await this.changePresence(meeting, email, (intervals) => {
      const open = intervals.findIndex((i) => i.leftAt === undefined);
      return open < 0 ? undefined : intervals.map((i, n) => (n === open ? { ...i, leftAt: at.toISOString() } : i));
    });
  }

  /**
   * Records who is absent; everyone else on the roster is present. Taken again later, those
   * no longer absent are recorded as arriving late, now.
   */
  async record(meeting: MeetingRef, network: Network, by: Member, absent: string[]): Promise<AttendanceDoc> {
    requireLeading(by);
    const emails = [...new Set(absent.map((e) => e.toLowerCase()))];
    const unknown = emails.filter((email) => !findMember(network, email));
    if (unknown.length) throw new DomainError('common.staleCard', {}, `not on the roster of ${network.id}: ${unknown.join(', ')}`);
    const at = this.clock.now().toISOString();
    const doc = await updateDoc<AttendanceDoc>(this.store, key(meeting), (current) => {
      const came = (current?.absent ?? []).filter((email) => !emails.includes(email)).map((email) => ({ email, at }));
      return { data: { absent: emails, arrived: [...(current?.arrived ?? []), ...came], recordedBy: by.email, recordedAt: at } };
    });
    return doc!.data;
  }
}
