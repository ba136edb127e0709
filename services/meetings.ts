import { isDeepStrictEqual } from 'node:util';
import { DomainError } from './errors';
import { MeetingImportSchema, type AgendaItem, type Meeting, type MeetingImport, type Network } from './model';
import { findMember, resolveAssignees, type Networks } from './networks';
import type { Store } from './store/store';
import { localParts, localYear } from './time';
import { InvalidInputError, parseInput } from './validation';

const key = (networkId: string, id: string) => ({ kind: 'meeting', pk: networkId, id });

/** The default id of a meeting: its network and local date, e.g. "pid-2021-06-02". */
export function defaultMeetingId(networkId: string, start: string): string {
  const p = localParts(new Date(start));
  return `${networkId}-${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Gives proposals and tasks their stable ids (position in the item) and checks roster references. */
function normalise(input: MeetingImport, network: Network): Meeting {
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
      return { ...t, id: t.id ?? `${item.number}-${j + 1}` };
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
    const current = await this.store.get<Meeting>(key(meeting.networkId, meeting.id));
    if (current && isDeepStrictEqual(current.data, meeting)) return { meeting, changed: false };
    await this.store.upsert({ ...key(meeting.networkId, meeting.id), data: meeting });
    return { meeting, changed: true };
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

  /** The meeting in progress or next to come; if none is ahead, the latest one. */
  async current(networkId: string, now: Date): Promise<Meeting | undefined> {
    const meetings = await this.list(networkId);
    return meetings.find((m) => Date.parse(m.end) >= now.getTime()) ?? meetings[meetings.length - 1];
  }

  /** `<id>` if given, else the current meeting; a DomainError if there is none. */
  async resolve(networkId: string, id: string | undefined, now: Date): Promise<Meeting> {
    if (id) return this.require(networkId, id);
    const meeting = await this.current(networkId, now);
    if (!meeting) throw new DomainError('common.noMeeting', {}, `network ${networkId} has no meetings`);
    return meeting;
  }
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
