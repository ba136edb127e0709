import type { Clock } from '../clock';
import { catalog, fmt } from '../i18n';
import { itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import { canVote, type AgendaItem, type Meeting, type Member, type Network } from '../model';
import { findMember, rosterOn } from '../networks';
import { formatDate, formatMeetingTime, localParts } from '../time';

/**
 * The minutes of one meeting as data: what the document says, before any layout.
 * Built from the imported meeting and roster plus whatever the registered
 * `MinutesSource`s contribute; the generator knows no feature.
 */
export interface MinutesDraft {
  networkId: string;
  meetingId: string;
  title: string;
  organisation: string;
  unit?: string;
  /** The date the draft was made, "7. juni 2021". */
  documentDate: string;
  /** The secretary, who writes and files the minutes. */
  caseworker: string;
  caseNumber?: string;
  documentNumber?: string;
  /** "2. juni 2021, kl. 13.00-15.00" */
  when: string;
  place: string;
  chair: string;
  secretary: string;
  /** The meeting's local date, "2021-06-02", for file names. */
  isoDate: string;
  agenda: { label: string; minutes: number; title: string }[];
  /** "Anne Holm Lund, formand, udpeget af Nationalt Genom Center" */
  members: string[];
  /** Staff and secretary: they attend but are not members. */
  staff: string[];
  /** Names of those who sent apologies (afbud), once attendance was taken at the start. */
  apologies: string[];
  items: ItemMinutes[];
}

export interface ItemMinutes {
  /** "Pkt. 2/2021"; none for an "Eventuelt" the agenda lacked. */
  label?: string;
  title: string;
  recommendations: string[];
  referat: string[];
  problem?: string;
  solution?: string;
  nextSteps: string[];
  attachments: string[];
  /** One-liners for the summary card: decisions, consensus results, tasks with deadlines. */
  summary: string[];
}

export interface DraftInputs {
  meeting: Meeting;
  network: Network;
  sources: readonly MinutesSource[];
  clock: Clock;
  /** E-mails of those absent with apologies; the lists of members and staff name those present. */
  absent?: ReadonlySet<string>;
}

const words = catalog('da');
const isEventuelt = (item: AgendaItem) => item.title.trim().toLowerCase() === words.minutes.document.eventuelt.toLowerCase();

/** Asks every source (in parallel) and lays the meeting out as the network's minutes. */
export async function draftMinutes({ meeting, network, sources, clock, absent = new Set() }: DraftInputs): Promise<MinutesDraft> {
  const contributions = (await Promise.all(sources.map((source) => source(meeting, network)))).flat();
  const start = new Date(meeting.start);
  const p = localParts(start);
  const nameOf = (email: string) => findMember(network, email)?.name ?? network.formerMembers?.find((m) => m.email === email)?.name ?? email;
  const member = (m: Member) =>
    fmt(words.minutes.document.participant, {
      name: m.name,
      role: words.common.roles[m.role],
      appointedBy: fmt(words.common.appointedBy, { body: m.appointedBy }),
    });
  const staff = (m: Member) => fmt(words.minutes.document.staffMember, { name: m.name, role: words.common.roles[m.role], organisation: m.appointedBy });
  // "Eventuelt" closes the minutes even when the agenda forgot it.
  const agenda = [...meeting.agenda].sort((a, b) => a.number - b.number);
  const eventueltAt = agenda.findIndex(isEventuelt);
  if (eventueltAt >= 0) agenda.push(...agenda.splice(eventueltAt, 1));
  const items = agenda.map((item) => itemMinutes(meeting, item, contributions));
  if (eventueltAt < 0) items.push(emptyItem(words.minutes.document.eventuelt));
  const closing = items[items.length - 1];
  if (!closing.referat.length && !closing.nextSteps.length && !closing.recommendations.length) {
    closing.referat.push(words.minutes.document.nothingRaised);
  }
  const isoDate = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  // The roster as it was that day: members who joined or left since do not change these minutes.
  const everyone = rosterOn(network, isoDate);
  const roster = everyone.filter((m) => !absent.has(m.email));
  return {
    networkId: network.id,
    meetingId: meeting.id,
    title: meeting.title,
    organisation: network.organisation,
    unit: network.unit,
    documentDate: formatDate(clock.now()),
    caseworker: nameOf(meeting.secretary),
    caseNumber: meeting.caseNumber,
    documentNumber: meeting.documentNumber,
    when: formatMeetingTime(start, new Date(meeting.end)),
    place: meeting.location,
    chair: nameOf(meeting.chair),
    secretary: nameOf(meeting.secretary),
    isoDate,
    agenda: agenda.map((item) => ({ label: itemLabel(meeting, item), minutes: item.minutes, title: item.title })),
    members: roster.filter((m) => canVote(m.role)).map(member),
    staff: roster.filter((m) => !canVote(m.role)).map(staff),
    apologies: everyone.filter((m) => absent.has(m.email)).map((m) => m.name),
    items,
  };
}

/**
 * A sentence that ends in an abbreviation ends with its period: "den 11. aug." and not
 * "den 11. aug.." when a template adds one (an ellipsis stays as it is).
 */
const oneFullStop = (paragraph: string) => paragraph.replace(/(?<!\.)\.\.$/, '.');

/** Contributions are matched to agenda items by number; one naming no item on the agenda has nowhere to go. */
function itemMinutes(meeting: Meeting, item: AgendaItem, all: MinutesContribution[]): ItemMinutes {
  const mine = all.filter((c) => c.itemNumber === item.number);
  // A stable sort: equal `order`s keep the order in which the sources were registered.
  const paragraphs = (section: MinutesContribution['section']) =>
    mine
      .filter((c) => c.section === section)
      .sort((a, b) => a.order - b.order)
      .flatMap((c) => c.paragraphs.map(oneFullStop));
  return {
    label: itemLabel(meeting, item),
    title: item.title,
    recommendations: item.recommendations,
    referat: paragraphs('referat'),
    problem: item.problem,
    solution: item.solution,
    nextSteps: [...(item.nextSteps ? [item.nextSteps] : []), ...paragraphs('nextSteps')],
    attachments: item.attachments.map((a) => (a.url ? `${a.title} – ${a.url}` : a.title)),
    summary: [...mine].sort((a, b) => a.order - b.order).flatMap((c) => c.summary ?? []),
  };
}

function emptyItem(title: string): ItemMinutes {
  return { title, recommendations: [], referat: [], nextSteps: [], attachments: [], summary: [] };
}
