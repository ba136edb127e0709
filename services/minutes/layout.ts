import { catalog, fmt, joinAnd } from '../i18n';
import type { ItemMinutes, MinutesDraft } from './draft';

/**
 * The minutes as a sequence of neutral blocks, in the network's layout. Both renderers
 * (Word and Markdown) draw these same blocks, so the two can never drift apart.
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }
  | { kind: 'numbered'; items: string[] }
  | { kind: 'bullets'; items: string[] };

const doc = catalog('da').minutes.document;

export function layoutMinutes(m: MinutesDraft): Block[] {
  const present = (rows: [string, string | undefined][]) => rows.filter((r): r is [string, string] => Boolean(r[1]));
  return [
    { kind: 'title', text: doc.heading },
    { kind: 'paragraph', text: m.title, strong: true },
    { kind: 'paragraph', text: m.organisation },
    {
      kind: 'fields',
      rows: present([
        [doc.date, m.documentDate],
        [doc.unit, m.unit],
        [doc.caseworker, m.caseworker],
        [doc.caseNumber, m.caseNumber],
        [doc.documentNumber, m.documentNumber],
      ]),
    },
    {
      kind: 'fields',
      rows: [
        [doc.meetingTime, m.when],
        [doc.place, m.place],
        [doc.chair, m.chair],
        [doc.secretary, m.secretary],
      ],
    },
    { kind: 'heading', level: 1, text: doc.agenda },
    {
      kind: 'table',
      header: [doc.item, doc.duration, doc.activity],
      rows: m.agenda.map((a) => [a.label, fmt(doc.minutes, { minutes: a.minutes }), a.title]),
      widths: [20, 15, 65],
    },
    { kind: 'heading', level: 1, text: doc.participants },
    { kind: 'heading', level: 2, text: doc.members },
    { kind: 'bullets', items: m.members },
    ...(m.staff.length ? [{ kind: 'heading', level: 2, text: doc.staff } as const, { kind: 'bullets', items: m.staff } as const] : []),
    ...(m.apologies.length ? [{ kind: 'paragraph', text: fmt(doc.apologies, { names: joinAnd('da', m.apologies) }) } as const] : []),
    ...m.items.flatMap(itemBlocks),
  ];
}

/** "Pkt. N/YYYY Titel", then each sub-heading that has content, in the seed's order. */
function itemBlocks(item: ItemMinutes): Block[] {
  const section = (heading: string, body: Block[]): Block[] => (body.length ? [{ kind: 'heading', level: 2, text: heading }, ...body] : []);
  const paragraphs = (texts: (string | undefined)[]): Block[] => texts.filter((t): t is string => Boolean(t)).map((text) => ({ kind: 'paragraph', text }));
  return [
    { kind: 'heading', level: 1, text: item.label ? `${item.label} ${item.title}` : item.title },
    ...section(doc.recommendations, item.recommendations.length ? [{ kind: 'numbered', items: item.recommendations }] : []),
    ...section(doc.referat, paragraphs(item.referat)),
    ...section(doc.problem, paragraphs([item.problem])),
    ...section(doc.solution, paragraphs([item.solution])),
    ...section(doc.nextSteps, paragraphs(item.nextSteps)),
    ...section(doc.attachments, item.attachments.length ? [{ kind: 'bullets', items: item.attachments }] : []),
  ];
}
