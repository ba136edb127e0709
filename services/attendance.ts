/**
 * Who is at a meeting: when the chair starts it, everyone on the roster who attends (voting
 * members and staff) is present unless ticked off as an apology (afbud); someone who comes
 * late is recorded as arrived. Voting counts the members present; the minutes list those
 * present and the apologies. One document per meeting.
 */
import { requireLeading } from './agenda/leading';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { meetingPartition, type MeetingRef } from './meetings';
import type { Member, Network } from './model';
import { findMember } from './networks';
import { updateDoc, type Store } from './store/store';

export interface AttendanceDoc {
  /** E-mails of those who sent apologies and are not (yet) there. */
  absent: string[];
  /** Late arrivals, in order. */
  arrived: { email: string; at: string }[];
  recordedBy: string;
  recordedAt: string;
}

const key = (meeting: MeetingRef) => ({ kind: 'attendance', pk: meetingPartition(meeting), id: 'attendance' });

export class Attendance {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(meeting: MeetingRef): Promise<AttendanceDoc | undefined> {
    return (await this.store.get<AttendanceDoc>(key(meeting)))?.data;
  }

  /** What the minutes record: whether attendance was taken at the start, and who sent apologies. */
  async attendanceOf(meeting: MeetingRef): Promise<{ taken: boolean; absent: Set<string> }> {
    const doc = await this.get(meeting);
    return { taken: Boolean(doc), absent: new Set(doc?.absent ?? []) };
  }

  /** E-mails of those absent with apologies (none before attendance is taken). */
  async absentFrom(meeting: MeetingRef): Promise<Set<string>> {
    return new Set((await this.get(meeting))?.absent ?? []);
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
