import type { Clock } from '../clock';
import { catalog, fmt } from '../i18n';
import { itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import { canVote, type AgendaItem, type Letterhead, type Meeting, type Member, type Network } from '../model';
import { findMember, rosterOn } from '../networks';
import { formatMeetingTime, formatNumericDate, localParts } from '../time';

/**
 * The minutes of one meeting as data: what the document says, before any layout.
 * Built from the imported meeting and roster plus whatever the registered
 * `MinutesSource`s contribute; the generator knows no feature. Plain data, so an
 * approved version can be stored as it was.
 */
export interface MinutesDraft {
  networkId: string;
  meetingId: string;
  title: string;
  networkName: string;
  organisation: string;
  letterhead: Letterhead;
  unit?: string;
  /** The date of writing, "03-06-2021". */
  documentDate: string;
  caseNumber?: string;
  documentNumber?: string;
  /** "2. juni 2021, kl. 13.00-15.00 (virtuelt)" */
  when: string;
  chair: string;
  secretary: string;
  /** The meeting's local date, "2021-06-02", for file names. */
  isoDate: string;
  /** The welcome has no label: it is not a numbered item. */
  agenda: { label?: string; minutes: number; title: string }[];
  /** False when nobody took attendance at the start: the minutes then name no one as present. */
  attendanceTaken: boolean;
  /** The voting members present: "Jakob Bay, udpeget af Region Sjælland". */
  members: string[];
  /** Staff and secretary present, by name, under the organisation they come from. */
  staff: { organisation: string; names: string[] }[];
  /** Names of those who sent apologies (afbud). */
  apologies: string[];
  items: ItemMinutes[];
  /** Set once the minutes are approved ("2021-06-10"); a draft says "Udkast" until then. */
  approvedOn?: string;
}

export interface ItemMinutes {
  /** The welcome opens the meeting unnumbered; "Eventuelt" closes it; the rest are items. */
  kind: 'welcome' | 'item' | 'eventuelt';
  /** "Pkt. 2/2021"; none for the welcome and for an "Eventuelt" the agenda lacked. */
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
  /** As recorded at the meeting's start (services/attendance): taken or not, and who sent apologies. */
  attendance?: { taken: boolean; absent: ReadonlySet<string> };
}

const words = catalog('da');
const doc = words.minutes.document;
const isEventuelt = (item: AgendaItem) => item.title.trim().toLowerCase() === doc.eventuelt.toLowerCase();
/** The first item, numbered 0, welcomes everyone: not a numbered item of the year. */
const isWelcome = (item: AgendaItem) => item.number === 0;

/** Asks every source (in parallel) and lays the meeting out as the network's minutes. */
export async function draftMinutes({ meeting, network, sources, clock, attendance = { taken: false, absent: new Set() } }: DraftInputs): Promise<MinutesDraft> {
  const contributions = (await Promise.all(sources.map((source) => source(meeting, network)))).flat();
  const start = new Date(meeting.start);
  const p = localParts(start);
  const nameOf = (email: string) => findMember(network, email)?.name ?? network.formerMembers?.find((m) => m.email === email)?.name ?? email;
  const member = (m: Member) =>
    m.role === 'member'
      ? fmt(doc.member, { name: m.name, appointedBy: fmt(words.common.appointedBy, { body: m.appointedBy }) })
      : fmt(doc.officer, { name: m.name, role: words.common.roles[m.role], appointedBy: fmt(words.common.appointedBy, { body: m.appointedBy }) });
  // "Eventuelt" closes the minutes even when the agenda forgot it.
  const agenda = [...meeting.agenda].sort((a, b) => a.number - b.number);
  const eventueltAt = agenda.findIndex(isEventuelt);
  if (eventueltAt >= 0) agenda.push(...agenda.splice(eventueltAt, 1));
  const items = agenda.map((item) => itemMinutes(meeting, item, contributions));
  if (eventueltAt < 0) items.push(emptyItem(doc.eventuelt));
  const isoDate = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  // The roster as it was that day: members who joined or left since do not change these minutes.
  const everyone = rosterOn(network, isoDate);
  const present = attendance.taken ? everyone.filter((m) => !attendance.absent.has(m.email)) : [];
  const staff = new Map<string, string[]>([[network.organisation, []]]);
  for (const m of present.filter((x) => !canVote(x.role))) staff.set(m.appointedBy, [...(staff.get(m.appointedBy) ?? []), m.name]);
  return {
    networkId: network.id,
    meetingId: meeting.id,
    title: meeting.title,
    networkName: network.name,
    organisation: network.organisation,
    letterhead: network.letterhead ?? {},
    unit: network.unit,
    documentDate: formatNumericDate(clock.now()),
    caseNumber: meeting.caseNumber,
    documentNumber: meeting.documentNumber,
    when: fmt(doc.when, { when: formatMeetingTime(start, new Date(meeting.end)), place: meeting.location }),
    chair: nameOf(meeting.chair),
    secretary: nameOf(meeting.secretary),
    isoDate,
    agenda: agenda.map((item) => ({ ...(!isWelcome(item) && { label: itemLabel(meeting, item) }), minutes: item.minutes, title: item.title })),
    attendanceTaken: attendance.taken,
    members: present.filter((m) => canVote(m.role)).map(member),
    staff: [...staff].filter(([, names]) => names.length).map(([organisation, names]) => ({ organisation, names })),
    apologies: everyone.filter((m) => attendance.absent.has(m.email)).map((m) => m.name),
    items,
  };
}

/** A sentence that ends in an abbreviation ends with its period: "fx." and not "fx.." when a template adds one (an ellipsis stays as it is). */
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
  const welcome = isWelcome(item);
  return {
    kind: welcome ? 'welcome' : isEventuelt(item) ? 'eventuelt' : 'item',
    ...(!welcome && { label: itemLabel(meeting, item) }),
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
  return { kind: 'eventuelt', title, recommendations: [], referat: [], nextSteps: [], attachments: [], summary: [] };
}
