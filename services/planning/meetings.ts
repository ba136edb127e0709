/**
 * Meetings planned in Teams: the leading roles create a meeting from a form, change it and
 * cancel it. Every change is checked here (role, network, state), validated with the import's
 * schema (MeetingImportSchema, one definition), audited, and a form submits once.
 */
import type { Agenda } from '../agenda/agenda';
import { requireLeading } from '../agenda/leading';
import type { Audit } from '../audit';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { catalog } from '../i18n';
import { defaultMeetingId, normalise, type Meetings } from '../meetings';
import { MeetingImportSchema, type AgendaItem, type Meeting, type MeetingImport, type Member, type Network } from '../model';
import { instantOfLocal, isoWithOffset, localYear } from '../time';
import { InvalidInputError, parseInput } from '../validation';

/** A meeting form as the card sends it: every field text, empty when left blank. */
export interface MeetingForm {
  title: string;
  /** "2027-01-13" */
  date: string;
  /** "13:00" */
  start: string;
  end: string;
  location: string;
  chair: string;
  secretary: string;
  caseNumber: string;
  documentNumber: string;
}

/** The fixed items of a new meeting, in the network's working language. */
const fixed = catalog('da').planning.fixedItems;

/**
 * The items numbered from their order: the welcome (first) is item 0, the rest follow the
 * last number used by the network's earlier meetings that year ("Pkt. N/YYYY" counts per year).
 */
export function numbered(agenda: AgendaItem[], base: number): AgendaItem[] {
  return agenda.map((item, i) => ({ ...item, number: i === 0 ? 0 : base + i }));
}

/** An item with nothing in its sections yet. */
export const newItem = (number: number, minutes: number, title: string): AgendaItem => ({
  number,
  minutes,
  title,
  recommendations: [],
  attachments: [],
  proposals: [],
  tasks: [],
});

export class MeetingPlanner {
  constructor(
    private readonly meetings: Meetings,
    private readonly agenda: Agenda,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  /** Creates a meeting with the two fixed items; the same form twice creates it once. */
  async create(network: Network, by: Member, form: MeetingForm, formId: string): Promise<{ meeting: Meeting; repeated: boolean }> {
    requireLeading(by);
    const { result, repeated } = await this.audit.once(network.id, formId, async () => {
      const draft = this.checked(network, form, [
        newItem(0, 5, fixed.welcome),
        newItem(1, 10, fixed.anyOtherBusiness),
      ]);
      const meeting = { ...draft, agenda: numbered(draft.agenda, await this.itemBase(network.id, draft)) };
      await this.meetings.create(meeting);
      await this.audit.record(network.id, { by: by.email, action: 'meeting.create', target: meeting.id, formId });
      return meeting.id;
    });
    return { meeting: await this.meetings.require(network.id, result), repeated };
  }

  /** Changes the meeting's facts (not its agenda); refused once it has begun or if it is cancelled. */
  async update(network: Network, by: Member, meetingId: string, form: MeetingForm): Promise<{ meeting: Meeting; changed: boolean }> {
    requireLeading(by);
    const before = await this.requireEditable(network.id, meetingId);
    const meeting = await this.meetings.change(network.id, meetingId, (current) => {
      const { agenda, id } = current;
      return { ...this.checked(network, form, agenda), id, agenda };
    });
    const changed = JSON.stringify(before) !== JSON.stringify(meeting);
    if (changed) await this.audit.record(network.id, { by: by.email, action: 'meeting.update', target: meetingId });
    return { meeting, changed };
  }

  /** Cancels a meeting that has not begun; it keeps its record and says it is cancelled. */
  async cancel(network: Network, by: Member, meetingId: string): Promise<{ meeting: Meeting; changed: boolean }> {
    requireLeading(by);
    const current = await this.meetings.require(network.id, meetingId);
    if (current.cancelled) return { meeting: current, changed: false };
    await this.requireEditable(network.id, meetingId);
    const at = isoWithOffset(this.clock.now());
    const meeting = await this.meetings.change(network.id, meetingId, (m) => (m.cancelled ? undefined : { ...m, cancelled: { at, by: by.email } }));
    await this.audit.record(network.id, { by: by.email, action: 'meeting.cancel', target: meetingId });
    return { meeting, changed: true };
  }

  /** A meeting whose plan may still change: not cancelled, not begun. */
  async requireEditable(networkId: string, meetingId: string): Promise<Meeting> {
    const meeting = await this.meetings.require(networkId, meetingId);
    if (meeting.cancelled) throw new DomainError('planning.isCancelled', { meeting: meeting.title }, `meeting ${meetingId} is cancelled`);
    if (await this.agenda.currentItem(meeting)) throw new DomainError('planning.hasBegun', { meeting: meeting.title }, `meeting ${meetingId} has begun`);
    return meeting;
  }

  /** The last item number used that year by the network's meetings before this one. */
  private async itemBase(networkId: string, meeting: Meeting): Promise<number> {
    const year = localYear(new Date(meeting.start));
    const earlier = (await this.meetings.list(networkId)).filter(
      (m) => m.id !== meeting.id && !m.cancelled && localYear(new Date(m.start)) === year && Date.parse(m.start) < Date.parse(meeting.start),
    );
    return Math.max(0, ...earlier.flatMap((m) => m.agenda.map((i) => i.number)));
  }

  /** The form as a meeting, validated as an imported one would be (schema and roster). */
  private checked(network: Network, form: MeetingForm, agenda: AgendaItem[]): Meeting {
    const problems: string[] = [];
    const start = instantOfLocal(form.date, form.start);
    const end = instantOfLocal(form.date, form.end);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date.trim())) problems.push('date: expected a date YYYY-MM-DD');
    else {
      if (!start) problems.push('start: expected a time HH:MM');
      if (!end) problems.push('end: expected a time HH:MM');
    }
    if (problems.length) throw new InvalidInputError('meeting', problems);
    const optional = (value: string) => (value.trim() ? value : undefined);
    const input: MeetingImport = parseInput(
      MeetingImportSchema,
      {
        networkId: network.id,
        title: form.title,
        start: isoWithOffset(start as Date),
        end: isoWithOffset(end as Date),
        location: form.location,
        chair: form.chair,
        secretary: form.secretary,
        caseNumber: optional(form.caseNumber),
        documentNumber: optional(form.documentNumber),
        agenda,
      },
      'meeting',
    );
    return normalise({ ...input, id: defaultMeetingId(network.id, input.start) }, network);
  }
}
