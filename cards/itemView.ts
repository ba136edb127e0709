/**
 * The item card the chair or secretary posts as the meeting reaches an item: "Pkt. N/YYYY"
 * and title, then the sections in the minutes' order (Indstilling, Referat, Problemstilling,
 * Løsning, Videre proces, Bilag), the proposals with their fields, and the tasks. The chair
 * and the secretary see the Referat as an input and the voting button.
 */
import { NOTES_MAX, type ItemNotes } from '../services/agenda/agenda';
import { catalog, fmt, joinAnd, plain } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import type { AgendaItem, Attachment, Meeting, Network, Proposal } from '../services/model';
import { resolveAssignees } from '../services/networks';
import { shorten } from '../services/text';
import { formatDate, formatDateTime, type Lang } from '../services/time';
import { meetingLine, nameOf } from './agendaView';
import template from './item.json';
import type { CardJson, Render } from './render';

/** Ids an item card's actions carry back: only what was clicked, never who clicked. */
export const itemData = (meeting: Meeting, item: AgendaItem) => ({ networkId: meeting.networkId, meetingId: meeting.id, item: item.number });

/** Built once: an Intl formatter is costly to construct. */
const NUMBER_FORMATS: Record<Lang, Intl.NumberFormat> = { da: new Intl.NumberFormat('da-DK'), en: new Intl.NumberFormat('en-GB') };

/** A proposal's fields as facts: criteria, patients and sequencings per year, diagnostic yield, added value. */
export function proposalFacts(proposal: Proposal, lang: Lang, maxLength = Infinity): { title: string; value: string }[] {
  const f = catalog(lang).meeting.fields;
  const number = NUMBER_FORMATS[lang];
  const facts: [string, string | number | undefined][] = [
    [f.criteria, proposal.criteria],
    [f.patientsPerYear, proposal.patientsPerYear],
    [f.sequencingsPerYear, proposal.sequencingsPerYear],
    [f.diagnosticYield, proposal.diagnosticYield],
    [f.addedValue, proposal.addedValue],
  ];
  return facts
    .filter((fact): fact is [string, string | number] => fact[1] !== undefined)
    .map(([title, value]) => ({ title, value: typeof value === 'number' ? number.format(value) : shorten(value, maxLength) }));
}

/**
 * A Bilag as the card shows it: its title, a link to the file when it has one. The link is
 * written as the URL parser reads it, with parentheses escaped so Markdown cannot end it early.
 */
export function attachmentText(attachment: Attachment): string {
  if (!attachment.url) return plain(attachment.title);
  const href = new URL(attachment.url).href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${plain(attachment.title)}](${href})`;
}

export interface ItemCardOptions {
  /** The chair's or secretary's view: Referat as an input, and the voting button. */
  editor: boolean;
  notes?: ItemNotes;
  /** Whether voting on the item's proposals has been opened. */
  voteOpened: boolean;
  /** The leaders' Teams user ids (MRIs, "29:…"), those known: Teams refreshes the card into their view. */
  userIds: string[];
  notice?: string;
}

export function itemCard(render: Render, meeting: Meeting, network: Network, item: AgendaItem, lang: Lang, options: ItemCardOptions): CardJson {
  const t = catalog(lang).meeting;
  const section = (title: string, paragraphs: string[]) => (paragraphs.length ? [{ title, paragraphs }] : []);
  const text = (value: string | undefined) => (value ? value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : []);
  const numbered = (lines: string[]) => lines.map((line, i) => fmt(t.item.numbered, { number: i + 1, text: line }));
  const tasks = item.tasks.map((task) => {
    const names = resolveAssignees(network, task.assignees).map((m) => m.name);
    const line = fmt(names.length > 1 ? t.item.taskMany : t.item.task, { title: task.title, due: formatDate(new Date(task.due), lang), who: joinAnd(lang, names) });
    return task.deliverTo ? `${line} ${fmt(t.item.deliverTo, { name: nameOf(network, task.deliverTo) })}` : line;
  });
  const proposals = item.proposals.map((proposal, i) => {
    const facts = proposalFacts(proposal, lang);
    return { heading: fmt(t.item.proposalHeading, { number: i + 1, title: proposal.title }), facts, hasFacts: facts.length > 0 };
  });
  const notes = options.notes;
  return render(template, {
    t,
    heading: fmt(t.item.heading, { item: itemLabel(meeting, item), title: item.title }),
    meetingLine: meetingLine(meeting, lang),
    notice: options.notice ?? '',
    leadSections: section(t.item.recommendations, numbered(item.recommendations)),
    sections: [
      ...section(t.item.problem, text(item.problem)),
      ...section(t.item.solution, text(item.solution)),
      ...section(t.item.nextSteps, text(item.nextSteps)),
      ...section(t.item.attachments, item.attachments.map(attachmentText)),
    ],
    editor: options.editor,
    notes: {
      text: notes?.text ?? '',
      shown: notes ? plain(notes.text) : t.item.noNotes,
      by: notes ? fmt(t.item.notesBy, { name: nameOf(network, notes.savedBy), at: formatDateTime(new Date(notes.savedAt), lang) }) : '',
      max: NOTES_MAX,
    },
    hasProposals: proposals.length > 0,
    proposals,
    hasTasks: tasks.length > 0,
    tasks,
    canOpenVote: options.editor && proposals.length > 0 && !options.voteOpened,
    canShowVote: options.voteOpened,
    data: itemData(meeting, item),
    userIds: options.userIds,
  });
}
