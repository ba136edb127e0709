import { catalog, fmt, joinAnd } from '../i18n';
import type { ItemMinutes, MinutesDraft } from './draft';

/**
 * The minutes as a sequence of neutral blocks, in the network's layout. Both renderers
 * (Word and Markdown) draw these same blocks, so the two can never drift apart.
 * `placeholder` marks a gap the secretary fills in: it is shown, and shown as such.
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean; placeholder?: boolean }
  | { kind: 'fields'; rows: Field[] }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }
  | { kind: 'numbered'; items: string[] }
  | { kind: 'bullets'; items: string[] };

export interface Field {
  label: string;
  value: string;
  placeholder?: boolean;
}

const doc = catalog('da').minutes.document;

/** A field of the letterhead; a missing one is a gap for the secretary, not left out. */
const field = (label: string, value: string | undefined): Field => (value ? { label, value } : { label, value: doc.fillIn, placeholder: true });

export function layoutMinutes(m: MinutesDraft): Block[] {
  const l = m.letterhead;
  const address = [m.organisation, l.street, l.postcodeCity, l.phone && `${doc.phone} ${l.phone}`, l.email && `${doc.email}: ${l.email}`, l.web].filter((line): line is string => Boolean(line));
  return [
    ...(m.approvedOn ? [] : [{ kind: 'paragraph', text: doc.draft, strong: true } as const]),
    { kind: 'paragraph', text: address.join('\n') },
    {
      kind: 'fields',
      rows: [
        { label: doc.date, value: m.documentDate },
        field(doc.unit, m.unit),
        field(doc.caseworker, l.caseworker),
        field(doc.caseNumber, m.caseNumber),
        field(doc.documentNumber, m.documentNumber),
      ],
    },
    { kind: 'title', text: doc.heading },
    { kind: 'paragraph', text: m.title, strong: true },
    {
      kind: 'fields',
      rows: [
        { label: doc.date, value: m.when },
        { label: doc.chair, value: m.chair },
        { label: doc.secretary, value: m.secretary },
      ],
    },
    { kind: 'heading', level: 1, text: doc.agenda },
    {
      kind: 'table',
      header: [doc.item, doc.duration, doc.activity],
      rows: m.agenda.map((a) => [a.label ?? '', fmt(doc.minutes, { minutes: a.minutes }), a.title]),
      widths: [20, 15, 65],
    },
    { kind: 'heading', level: 1, text: doc.participants },
    ...attendanceBlocks(m),
    ...m.items.flatMap(itemBlocks),
  ];
}

/** Those present, members and then staff, and the apologies; a marked gap if nobody took attendance. */
function attendanceBlocks(m: MinutesDraft): Block[] {
  if (!m.attendanceTaken) return [{ kind: 'paragraph', text: doc.fillInAttendance, placeholder: true }];
  return [
    { kind: 'heading', level: 2, text: fmt(doc.members, { network: m.networkName }) },
    { kind: 'bullets', items: m.members },
    ...(m.apologies.length ? [{ kind: 'paragraph', text: fmt(doc.apologies, { names: joinAnd('da', m.apologies) }) } as const] : []),
    ...m.staff.flatMap((group): Block[] => [
      { kind: 'heading', level: 2, text: fmt(doc.staff, { organisation: group.organisation }) },
      { kind: 'bullets', items: group.names },
    ]),
  ];
}

/**
 * "Pkt. N/YYYY Titel", then each sub-heading that has content, in the seed's order. The welcome
 * has a section only if something was recorded under it; an item or "Eventuelt" with nothing in
 * its Referat gets a marked gap there.
 */
function itemBlocks(item: ItemMinutes): Block[] {
  const section = (heading: string, body: Block[]): Block[] => (body.length ? [{ kind: 'heading', level: 2, text: heading }, ...body] : []);
  const paragraphs = (texts: (string | undefined)[]): Block[] => texts.filter((t): t is string => Boolean(t)).map((text) => ({ kind: 'paragraph', text }));
  const gap = item.kind === 'eventuelt' ? doc.fillInEventuelt : doc.fillInReferat;
  const referat: Block[] = item.referat.length || item.kind === 'welcome' ? paragraphs(item.referat) : [{ kind: 'paragraph', text: gap, placeholder: true }];
  const body = [
    ...section(doc.recommendations, item.recommendations.length ? [{ kind: 'numbered', items: item.recommendations }] : []),
    ...section(doc.referat, referat),
    ...section(doc.problem, paragraphs([item.problem])),
    ...section(doc.solution, paragraphs([item.solution])),
    ...section(doc.nextSteps, paragraphs(item.nextSteps)),
    ...section(doc.attachments, item.attachments.length ? [{ kind: 'bullets', items: item.attachments }] : []),
  ];
  if (item.kind === 'welcome' && !body.length) return [];
  return [{ kind: 'heading', level: 1, text: item.label ? `${item.label} ${item.title}` : item.title }, ...body];
}
