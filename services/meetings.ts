import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DomainError } from './errors';
import { defaultTaskId, ID, MeetingImportSchema, type AgendaItem, type Meeting, type MeetingImport, type Network } from './model';
import { findMember, resolveAssignees, type Networks } from './networks';
import { ConflictError, updateDoc, type Store } from './store/store';
import { localParts, localYear } from './time';
import { InvalidInputError, parseInput } from './validation';

const key = (networkId: string, id: string) => ({ kind: 'meeting', pk: networkId, id });

/** Which network a meeting id belongs to: the first import of an id claims it, so no two networks share one. */
export interface MeetingOwnerDoc {
  networkId: string;
}
export const MEETING_OWNER = 'meetingOwner';
export const meetingOwnerKey = (id: string) => ({ kind: MEETING_OWNER, pk: 'meetingOwners', id });

/** A meeting as far as its stored state needs it: whose it is and which. */
export type MeetingRef = Pick<Meeting, 'networkId' | 'id'>;

/**
 * The partition of everything recorded about one meeting (votes, ballots, notes, habilitet):
 * named by its network as well as its id, so a meeting's state can never be reached through
 * another network, even one that imported a meeting under the same id.
 */
export const meetingPartition = (meeting: MeetingRef): string => `${meeting.networkId}:${meeting.id}`;

/** The meeting whose partition this is (ids hold no colon). */
export function meetingOfPartition(pk: string): MeetingRef {
  const at = pk.indexOf(':');
  return { networkId: pk.slice(0, at), id: pk.slice(at + 1) };
}

/** The default id of a meeting: its network and local date, e.g. "pid-2021-06-02". */
export function defaultMeetingId(networkId: string, start: string): string {
  const p = localParts(new Date(start));
  return `${networkId}-${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Gives proposals and tasks their stable ids (position in the item) and checks roster references. */
export function normalise(input: MeetingImport, network: Network): Meeting {
  const problems: string[] = [];
  for (const field of ['chair', 'secretary'] as const) {
    if (!findMember(network, input[field])) problems.push(`${field}: ${input[field]} is not on the roster of ${network.id}`);
  }
  const agenda: AgendaItem[] = input.agenda.map((item, i) => ({
    ...item,
    proposals: item.proposals.map((p, j) => ({ ...p, id: p.id ?? String(j + 1) })),
    tasks: item.tasks.map((t, j) => {
      try {
        resolveAssignees(network, t.assignees);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        problems.push(`agenda[${i}].tasks[${j}].assignees: ${err.message}`);
      }
      if (t.deliverTo && !findMember(network, t.deliverTo)) {
        problems.push(`agenda[${i}].tasks[${j}].deliverTo: ${t.deliverTo} is not on the roster of ${network.id}`);
      }
      return { ...t, id: t.id ?? defaultTaskId(item.number, j) };
    }),
  }));
  if (problems.length) throw new InvalidInputError('meeting', problems);
  return { ...input, id: input.id ?? defaultMeetingId(input.networkId, input.start), agenda };
}

/** Meetings of a network, as imported; other features hang their state off a meeting's id. */
export class Meetings {
  constructor(
    private readonly store: Store,
    private readonly networks: Networks,
  ) {}

  /** Validates the whole file first; stores it only if every check passes. */
  async import(input: unknown): Promise<{ meeting: Meeting; changed: boolean }> {
    const parsed = parseInput(MeetingImportSchema, input, 'meeting');
    const network = await this.networks.get(parsed.networkId);
    if (!network) throw new InvalidInputError('meeting', [`networkId: unknown network ${parsed.networkId}; import the network first`]);
    const meeting = normalise(parsed, network);
    const owner = await this.ownerOf(meeting.id);
    if (owner) refuseForeign(meeting, owner);
    const current = await this.store.get<Meeting>(key(meeting.networkId, meeting.id));
    if (owner && current && isDeepStrictEqual(current.data, meeting)) return { meeting, changed: false };
    if (!owner) refuseForeign(meeting, await this.claim(meeting));
    await this.store.upsert({ ...key(meeting.networkId, meeting.id), data: meeting });
    return { meeting, changed: true };
  }

  /**
   * Claims the meeting's id for its network unless a network owns it already, and returns
   * the owner. Of two networks claiming one id at once, the first to write owns it.
   */
  async claim(meeting: MeetingRef): Promise<string> {
    try {
      await this.store.create<MeetingOwnerDoc>({ ...meetingOwnerKey(meeting.id), data: { networkId: meeting.networkId } });
      return meeting.networkId;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Owner documents are never deleted: the one that won is there.
      return (await this.store.get<MeetingOwnerDoc>(meetingOwnerKey(meeting.id)))!.data.networkId;
    }
  }

  /** The network whose meeting this id is, if any imported it. */
  async ownerOf(id: string): Promise<string | undefined> {
    return (await this.store.get<MeetingOwnerDoc>(meetingOwnerKey(id)))?.data.networkId;
  }

  /** A meeting by its id alone (the CLI): looked up in the network that owns the id. */
  async find(id: string): Promise<Meeting> {
    const networkId = await this.ownerOf(id);
    const meeting = networkId ? await this.get(networkId, id) : undefined;
    if (!meeting) throw new DomainError('common.unknownMeeting', { id }, `no meeting with id ${id}`);
    return meeting;
  }

  /** Stores a new meeting, already checked (see `normalise`); a meeting with its id is refused. */
  async create(meeting: Meeting): Promise<void> {
    refuseForeign(meeting, await this.claim(meeting));
    try {
      await this.store.create({ ...key(meeting.networkId, meeting.id), data: meeting });
    } catch (err) {
      if (err instanceof ConflictError) throw new DomainError('planning.meetingExists', { id: meeting.id }, `meeting ${meeting.networkId}/${meeting.id} exists`);
      throw err;
    }
  }

  /**
   * Read-modify-write of a stored meeting: `change` returns the new meeting (already checked)
   * or undefined to leave it; concurrent changes each see the other's result.
   */
  async change(networkId: string, id: string, change: (meeting: Meeting) => Meeting | undefined): Promise<Meeting> {
    let result: Meeting | undefined;
    await updateDoc<Meeting>(this.store, key(networkId, id), (current) => {
      if (!current) throw new DomainError('common.unknownMeeting', { id }, `unknown meeting ${networkId}/${id}`);
      result = change(current);
      if (!result || isDeepStrictEqual(result, current)) {
        result = current;
        return undefined;
      }
      return { data: result };
    });
    return result as Meeting;
  }

  async get(networkId: string, id: string): Promise<Meeting | undefined> {
    return (await this.store.get<Meeting>(key(networkId, id)))?.data;
  }

  async require(networkId: string, id: string): Promise<Meeting> {
    const meeting = await this.get(networkId, id);
    if (!meeting) throw new DomainError('common.unknownMeeting', { id }, `unknown meeting ${networkId}/${id}`);
    return meeting;
  }

  /** A network's meetings, earliest first. */
  async list(networkId: string): Promise<Meeting[]> {
    const docs = await this.store.list<Meeting>('meeting', networkId);
    return docs.map((d) => d.data).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  /**
   * The meeting a command acts on when none is named: the one in progress, else the next
   * one, else the latest. A cancelled meeting is passed over while another one is there.
   */
  async current(networkId: string, now: Date): Promise<Meeting | undefined> {
    const all = await this.list(networkId);
    const held = all.filter((m) => !m.cancelled);
    const meetings = held.length ? held : all;
    return meetings.find((m) => Date.parse(m.end) >= now.getTime()) ?? meetings[meetings.length - 1];
  }

  /**
   * The one resolver of "which meeting" for every command and card: none (see `current`),
   * a date in a usual Danish form ("13/1", "13.1.2027", "2027-01-13"), or the meeting's id.
   * A DomainError says what is wrong and which meetings there are.
   */
  async resolve(networkId: string, ref: string | undefined, now: Date): Promise<Meeting> {
    const wanted = ref?.trim().toLowerCase();
    if (!wanted) {
      const meeting = await this.current(networkId, now);
      if (!meeting) throw new DomainError('common.noMeeting', {}, `network ${networkId} has no meetings`);
      return meeting;
    }
    const date = parseMeetingDate(wanted);
    if (date === 'invalid') throw new DomainError('common.badDate', { date: wanted }, `"${wanted}" is no calendar date`);
    if (date) return this.onDate(networkId, date, now);
    if (!ID.test(wanted)) throw new DomainError('common.badMeetingRef', { ref: wanted }, `"${wanted}" is neither a date nor a meeting id`);
    return this.require(networkId, wanted);
  }

  /** The meeting on a local calendar day; without a year, the one on that day nearest to `now`. */
  private async onDate(networkId: string, date: MeetingDate, now: Date): Promise<Meeting> {
    const meetings = await this.list(networkId);
    const matches = meetings.filter((m) => {
      const p = localParts(new Date(m.start));
      return p.day === date.day && p.month === date.month && (date.year === undefined || p.year === date.year);
    });
    const distance = (m: Meeting) => Math.abs(Date.parse(m.start) - now.getTime());
    const [nearest] = matches.sort((a, b) => distance(a) - distance(b));
    if (nearest) return nearest;
    const asked = date.year === undefined ? `${date.day}/${date.month}` : `${date.day}/${date.month} ${date.year}`;
    const dates = meetings.map((m) => m.start.slice(0, 10)).join(', ') || '–';
    throw new DomainError('common.noMeetingOn', { date: asked, dates }, `network ${networkId} has no meeting on ${asked}`);
  }
}

/** A command's meeting argument: none, or one date or id (see `Meetings.resolve`). */
export const MeetingArgSchema = z.array(z.string().max(64, 'expected a date or a meeting id')).max(1, 'expected at most one meeting (a date or an id)');

export interface MeetingDate {
  day: number;
  month: number;
  year?: number;
}

/**
 * A date as Danes write it: "13/1", "13.1", "13.1.2027", "13/1-27", "13-01-2027", or ISO
 * "2027-01-13". Undefined for text that is no date at all (an id); 'invalid' for one that
 * looks like a date but is none ("31/2").
 */
export function parseMeetingDate(text: string): MeetingDate | 'invalid' | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const danish = /^(\d{1,2})[./-](\d{1,2})(?:[./ -](\d{4}|\d{2}))?\.?$/.exec(text);
  if (!iso && !danish) return undefined;
  const [day, month, year] = iso ? [Number(iso[3]), Number(iso[2]), Number(iso[1])] : [Number(danish![1]), Number(danish![2]), danish![3] === undefined ? undefined : Number(danish![3])];
  const fullYear = year !== undefined && year < 100 ? 2000 + year : year;
  // A real day of that month (29 February only in a leap year, or in any year when none is given).
  const check = new Date(Date.UTC(fullYear ?? 2000, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return 'invalid';
  return { day, month, ...(fullYear !== undefined && { year: fullYear }) };
}

function refuseForeign(meeting: MeetingRef, owner: string): void {
  if (owner === meeting.networkId) return;
  throw new InvalidInputError('meeting', [`id: ${meeting.id} is already the id of a meeting of network ${owner}; give this meeting an id of its own`]);
}

/** "Pkt. 2/2021" */
export const itemLabel = (meeting: Meeting, item: AgendaItem): string => `Pkt. ${item.number}/${localYear(new Date(meeting.start))}`;

/** The first item with substance: not the welcome (the first) and not "Eventuelt" (the last). */
export function firstSubstantiveItem(meeting: Meeting): AgendaItem | undefined {
  return meeting.agenda.length > 2 ? meeting.agenda[1] : meeting.agenda[0];
}

/** The import file's shape, for export and round trips. */
export function exportMeeting(meeting: Meeting): MeetingImport {
  return parseInput(MeetingImportSchema, meeting, 'meeting');
}
