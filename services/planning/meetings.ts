import { createHash } from 'node:crypto';
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
import { defaultMeetingId, exportMeeting, itemLabel, normalise, type Meetings } from '../meetings';
import { AgendaItemSchema, MeetingImportSchema, ProposalSchema, type AgendaItem, type Proposal, type Meeting, type MeetingImport, type Member, type Network } from '../model';
import { instantOfLocal, isoWithOffset, localYear } from '../time';
import { InvalidInputError, parseInput } from '../validation';
import type { Voting } from '../voting/voting';

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

/** One Bilag row of the item form: its title and link, as typed. */
export interface AttachmentRow {
  title: string;
  url: string;
}

/** An agenda item form: the sections as typed, one recommendation per line, and the Bilag rows. */
export interface ItemForm {
  title: string;
  /** Approximate minutes, as typed. */
  minutes: string;
  recommendations: string;
  problem: string;
  solution: string;
  nextSteps: string;
  /** In order; rows left blank are not attachments. */
  attachments: AttachmentRow[];
}

/**
 * Which item a card acts on: its number and a check of its title as the card showed them.
 * Numbers follow the order, so a card from before a move could name another item by number
 * alone; the check (not the title itself) keeps a large agenda's buttons small.
 */
export interface ItemRef {
  number: number;
  check: string;
}

/** A short fingerprint of an item's title, for ItemRef. */
export const itemCheck = (item: Pick<AgendaItem, 'title'>): string => createHash('sha256').update(item.title).digest('base64url').slice(0, 10);

/** A proposal form: the fields of today's model, as typed. */
export interface ProposalForm {
  title: string;
  criteria: string;
  patientsPerYear: string;
  sequencingsPerYear: string;
  diagnosticYield: string;
  addedValue: string;
}

/** The form as a proposal, validated with the import's ProposalSchema. */
function proposalOf(form: ProposalForm, id: string): Proposal {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const count = (value: string) => {
    const v = value.trim();
    return !v ? undefined : /^-?\d+$/.test(v) ? Number(v) : v;
  };
  const parsed = parseInput(
    ProposalSchema,
    {
      id,
      kind: 'indication',
      title: form.title,
      criteria: optional(form.criteria),
      patientsPerYear: count(form.patientsPerYear),
      sequencingsPerYear: count(form.sequencingsPerYear),
      diagnosticYield: optional(form.diagnosticYield),
      addedValue: optional(form.addedValue),
    },
    'proposal',
  );
  return { ...parsed, id };
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

/** The welcome (first) and "Eventuelt" (last) keep their places. */
const isFixed = (agenda: AgendaItem[], index: number) => index <= 0 || index >= agenda.length - 1;

function indexOf(meetingId: string, agenda: AgendaItem[], ref: ItemRef): number {
  const index = agenda.findIndex((i) => i.number === ref.number && itemCheck(i) === ref.check);
  if (index < 0) throw new DomainError('common.staleCard', {}, `meeting ${meetingId} has no item ${ref.number} with title check ${ref.check} any more`);
  return index;
}

/** The lines of a text, trimmed, without empty ones. */
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The form as an item (validated with the import's AgendaItemSchema), keeping what the form does not hold. */
function itemOf(form: ItemForm, current: AgendaItem): AgendaItem {
  const minutes = form.minutes.trim();
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const parsed = parseInput(
    AgendaItemSchema,
    {
      number: current.number,
      title: form.title,
      minutes: /^\d{1,4}$/.test(minutes) ? Number(minutes) : minutes,
      recommendations: lines(form.recommendations),
      problem: optional(form.problem),
      solution: optional(form.solution),
      nextSteps: optional(form.nextSteps),
      attachments: form.attachments
        .map((row) => ({ title: row.title.trim(), url: optional(row.url) }))
        .filter((row) => row.title || row.url),
    },
    'item',
  );
  return { ...parsed, proposals: current.proposals, tasks: current.tasks };
}

export class MeetingPlanner {
  constructor(
    private readonly meetings: Meetings,
    private readonly agenda: Agenda,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly voting: Voting,
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

  /** Adds an item before "Eventuelt" (the last); the same form twice adds it once. */
  async addItem(network: Network, by: Member, meetingId: string, form: ItemForm, formId: string): Promise<{ meeting: Meeting; item: AgendaItem; repeated: boolean }> {
    requireLeading(by);
    await this.requireEditable(network.id, meetingId);
    const { result, repeated } = await this.audit.once(network.id, formId, async () => {
      const item = itemOf(form, { ...newItem(0, 0, ''), tasks: [] });
      const meeting = await this.changeAgenda(network, meetingId, (agenda) => [...agenda.slice(0, -1), item, ...agenda.slice(-1)]);
      const added = meeting.agenda[meeting.agenda.length - 2];
      await this.audit.record(network.id, { by: by.email, action: 'agenda.add', target: `${meetingId}/${added.number}`, formId });
      return String(meeting.agenda.length - 2);
    });
    const meeting = await this.meetings.require(network.id, meetingId);
    return { meeting, item: meeting.agenda[Number(result)] ?? meeting.agenda[meeting.agenda.length - 1], repeated };
  }

  /** Changes an item's title, time and sections; its proposals and tasks stay. */
  async updateItem(network: Network, by: Member, meetingId: string, ref: ItemRef, form: ItemForm): Promise<{ meeting: Meeting; changed: boolean }> {
    return this.onItem(network, by, meetingId, ref, 'agenda.update', (agenda, i) => agenda.map((item, j) => (j === i ? itemOf(form, item) : item)));
  }

  /** Moves an item one place up or down; the welcome stays first and "Eventuelt" last. */
  async moveItem(network: Network, by: Member, meetingId: string, ref: ItemRef, direction: 'up' | 'down'): Promise<{ meeting: Meeting; changed: boolean }> {
    return this.onItem(network, by, meetingId, ref, `agenda.move.${direction}`, (agenda, i) => {
      const j = direction === 'up' ? i - 1 : i + 1;
      if (isFixed(agenda, i) || isFixed(agenda, j)) throw new DomainError('planning.agenda.fixedPlace', { title: agenda[i].title });
      const moved = [...agenda];
      [moved[i], moved[j]] = [moved[j], moved[i]];
      return moved;
    });
  }

  /** Removes an item; the welcome and "Eventuelt" stay. */
  async removeItem(network: Network, by: Member, meetingId: string, ref: ItemRef): Promise<{ meeting: Meeting; changed: boolean }> {
    return this.onItem(network, by, meetingId, ref, 'agenda.remove', (agenda, i) => {
      if (isFixed(agenda, i)) throw new DomainError('planning.agenda.fixedPlace', { title: agenda[i].title });
      return agenda.filter((_, j) => j !== i);
    });
  }

  /** Adds a proposal to an item; the same form twice adds it once. */
  async addProposal(network: Network, by: Member, meetingId: string, ref: ItemRef, form: ProposalForm, formId: string): Promise<{ meeting: Meeting; repeated: boolean }> {
    requireLeading(by);
    await this.requireProposalsOpen(network.id, meetingId, ref);
    const { repeated } = await this.audit.once(network.id, formId, async () => {
      let id = '';
      await this.changeProposals(network.id, meetingId, ref, (proposals) => {
        id = String(Math.max(0, ...proposals.map((p) => Number(p.id)).filter(Number.isFinite)) + 1);
        return [...proposals, proposalOf(form, id)];
      });
      await this.audit.record(network.id, { by: by.email, action: 'proposal.add', target: `${meetingId}/${ref.number}/${id}`, formId });
      return id;
    });
    return { meeting: await this.meetings.require(network.id, meetingId), repeated };
  }

  /** Changes a proposal; refused once the item's vote has opened (ballots cast on it would no longer fit). */
  async updateProposal(network: Network, by: Member, meetingId: string, ref: ItemRef, proposalId: string, form: ProposalForm): Promise<{ meeting: Meeting; changed: boolean }> {
    return this.onProposal(network, by, meetingId, ref, proposalId, 'proposal.update', (proposals) => proposals.map((p) => (p.id === proposalId ? { ...proposalOf(form, proposalId), kind: p.kind } : p)));
  }

  /** Removes a proposal; refused once the item's vote has opened. */
  async removeProposal(network: Network, by: Member, meetingId: string, ref: ItemRef, proposalId: string): Promise<{ meeting: Meeting; changed: boolean }> {
    return this.onProposal(network, by, meetingId, ref, proposalId, 'proposal.remove', (proposals) => proposals.filter((p) => p.id !== proposalId));
  }

  /** The item's proposals may change: the meeting is not cancelled and the item's vote has not opened. */
  async requireProposalsOpen(networkId: string, meetingId: string, ref: ItemRef): Promise<{ meeting: Meeting; item: AgendaItem }> {
    const meeting = await this.meetings.require(networkId, meetingId);
    if (meeting.cancelled) throw new DomainError('planning.isCancelled', { meeting: meeting.title }, `meeting ${meetingId} is cancelled`);
    const item = meeting.agenda[indexOf(meetingId, meeting.agenda, ref)];
    if (await this.voting.get(meeting, item.number)) {
      throw new DomainError('planning.proposals.voteOpened', { item: itemLabel(meeting, item) }, `the vote on ${meetingId}/${item.number} has opened`);
    }
    return { meeting, item };
  }

  private async onProposal(
    network: Network,
    by: Member,
    meetingId: string,
    ref: ItemRef,
    proposalId: string,
    action: string,
    change: (proposals: Proposal[]) => Proposal[],
  ): Promise<{ meeting: Meeting; changed: boolean }> {
    requireLeading(by);
    const { item } = await this.requireProposalsOpen(network.id, meetingId, ref);
    if (!item.proposals.some((p) => p.id === proposalId)) throw new DomainError('common.staleCard', {}, `item ${item.number} has no proposal ${proposalId}`);
    const meeting = await this.changeProposals(network.id, meetingId, ref, change);
    const after = meeting.agenda.find((i) => i.number === item.number);
    const changed = JSON.stringify(after?.proposals) !== JSON.stringify(item.proposals);
    if (changed) await this.audit.record(network.id, { by: by.email, action, target: `${meetingId}/${item.number}/${proposalId}` });
    return { meeting, changed };
  }

  /** Read-modify-write of one item's proposals, validated as an import. */
  private changeProposals(networkId: string, meetingId: string, ref: ItemRef, change: (proposals: Proposal[]) => Proposal[]): Promise<Meeting> {
    return this.meetings.change(networkId, meetingId, (meeting) => {
      const index = indexOf(meetingId, meeting.agenda, ref);
      const agenda = meeting.agenda.map((item, i) => (i === index ? { ...item, proposals: change(item.proposals) } : item));
      const next = { ...meeting, agenda };
      exportMeeting(next);
      return next;
    });
  }

  /** One change to the item `ref` names, checked, renumbered and audited. */
  private async onItem(
    network: Network,
    by: Member,
    meetingId: string,
    ref: ItemRef,
    action: string,
    change: (agenda: AgendaItem[], index: number) => AgendaItem[],
  ): Promise<{ meeting: Meeting; changed: boolean }> {
    requireLeading(by);
    const before = await this.requireEditable(network.id, meetingId);
    const meeting = await this.changeAgenda(network, meetingId, (agenda) => change(agenda, indexOf(before.id, agenda, ref)));
    const changed = JSON.stringify(before.agenda) !== JSON.stringify(meeting.agenda);
    if (changed) await this.audit.record(network.id, { by: by.email, action, target: `${meetingId}/${ref.number}` });
    return { meeting, changed };
  }

  /** Read-modify-write of the agenda, renumbered from its order and validated as an import. */
  private async changeAgenda(network: Network, meetingId: string, change: (agenda: AgendaItem[]) => AgendaItem[]): Promise<Meeting> {
    const current = await this.meetings.require(network.id, meetingId);
    const base = await this.itemBase(network.id, current);
    return this.meetings.change(network.id, meetingId, (meeting) => {
      const next = { ...meeting, agenda: numbered(change(meeting.agenda), base) };
      exportMeeting(next);
      return next;
    });
  }

  /** The item a card names, in the meeting as it is now. */
  itemFor(meeting: Meeting, ref: ItemRef): AgendaItem {
    return meeting.agenda[indexOf(meeting.id, meeting.agenda, ref)];
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
