/**
 * The agenda's forms: an item (title, approximate minutes and its sections, with its
 * proposals listed below once it exists) and a proposal (the fields of the model). Both come
 * back with what was typed and why when a submit is refused.
 */
import { catalog, fmt, plain } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import { MAX_ATTACHMENTS, type AgendaItem, type Meeting, type Proposal } from '../services/model';
import type { AttachmentRow, ItemForm, ProposalForm } from '../services/planning/meetings';
import type { Lang } from '../services/time';
import itemTemplate from './agenda-item-form.json';
import { agendaItemRef, meetingLine } from './agendaView';
import proposalTemplate from './proposal-form.json';
import type { CardJson, Render } from './render';

/** What the item form shows: the item's values, or an empty item. */
export function itemFormValues(item: AgendaItem | undefined): ItemForm {
  return {
    title: item?.title ?? '',
    minutes: String(item?.minutes ?? 15),
    recommendations: item?.recommendations.join('\n') ?? '',
    problem: item?.problem ?? '',
    solution: item?.solution ?? '',
    nextSteps: item?.nextSteps ?? '',
    attachments: (item?.attachments ?? []).map((a) => ({ title: a.title, url: a.url ?? '' })),
  };
}

/** The Bilag rows' input ids: `attachment-<n>-title` and `attachment-<n>-url`, numbered from 1. */
export const attachmentInputId = (number: number, field: keyof AttachmentRow): string => `attachment-${number}-${field}`;

/** Empty Bilag rows under those filled in; saving and editing again gives more. */
const BLANK_ATTACHMENT_ROWS = 2;

/** The Bilag rows the form shows: those given, then blank ones up to the most an item may have. */
function attachmentRows(rows: AttachmentRow[], lang: Lang) {
  const t = catalog(lang).planning.itemForm;
  const blank = Math.max(0, Math.min(BLANK_ATTACHMENT_ROWS, MAX_ATTACHMENTS - rows.length));
  return [...rows, ...Array.from({ length: blank }, () => ({ title: '', url: '' }))].map((row, i) => ({
    ...row,
    titleId: attachmentInputId(i + 1, 'title'),
    urlId: attachmentInputId(i + 1, 'url'),
    titleLabel: fmt(t.attachmentTitle, { number: i + 1 }),
    urlLabel: fmt(t.attachmentUrl, { number: i + 1 }),
  }));
}

export interface ItemFormView {
  meeting: Meeting;
  /** The item edited; a new one if absent. */
  item?: AgendaItem;
  formId: string;
  /** Why its proposals can no longer change (the vote has opened), if so. */
  locked?: string;
  notice?: string;
}

export function itemFormCard(render: Render, view: ItemFormView, lang: Lang, values: ItemForm = itemFormValues(view.item)): CardJson {
  const t = catalog(lang).planning.itemForm;
  const { meeting, item } = view;
  const ref = item ? agendaItemRef(meeting, item) : undefined;
  const meetingData = { networkId: meeting.networkId, meetingId: meeting.id };
  return render(itemTemplate, {
    t,
    heading: item ? fmt(t.editTitle, { item: itemLabel(meeting, item) }) : t.newTitle,
    meetingLine: meetingLine(meeting, lang),
    notice: view.notice ?? '',
    values,
    attachmentRows: attachmentRows(values.attachments, lang),
    editing: Boolean(item),
    locked: view.locked ?? '',
    proposals: (item?.proposals ?? []).map((p, i) => ({
      label: fmt(t.proposalLine, { number: i + 1, title: plain(p.title) }),
      ref: { ...ref, proposalId: p.id },
    })),
    ref: ref ?? meetingData,
    submit: item ? t.save : t.create,
    saveData: { ...(ref ?? { ...meetingData, item: -1, check: '' }), formId: view.formId },
    meetingData,
  });
}

/** What the proposal form shows: the proposal's values, or an empty one. */
export function proposalFormValues(proposal: Proposal | undefined): ProposalForm {
  const count = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    title: proposal?.title ?? '',
    criteria: proposal?.criteria ?? '',
    patientsPerYear: count(proposal?.patientsPerYear),
    sequencingsPerYear: count(proposal?.sequencingsPerYear),
    diagnosticYield: proposal?.diagnosticYield ?? '',
    addedValue: proposal?.addedValue ?? '',
  };
}

export interface ProposalFormView {
  meeting: Meeting;
  item: AgendaItem;
  /** The proposal edited; a new one if absent. */
  proposal?: Proposal;
  formId: string;
  notice?: string;
}

export function proposalFormCard(render: Render, view: ProposalFormView, lang: Lang, values: ProposalForm = proposalFormValues(view.proposal)): CardJson {
  const c = catalog(lang);
  const t = c.planning.proposalForm;
  const { meeting, item, proposal } = view;
  const itemRef = agendaItemRef(meeting, item);
  const number = proposal ? item.proposals.findIndex((p) => p.id === proposal.id) + 1 : 0;
  return render(proposalTemplate, {
    t,
    f: c.meeting.fields,
    heading: proposal ? fmt(t.editTitle, { number }) : t.newTitle,
    itemLine: `${itemLabel(meeting, item)} ${plain(item.title)}`,
    notice: view.notice ?? '',
    values,
    submit: proposal ? t.save : t.create,
    saveData: { ...itemRef, proposalId: proposal?.id ?? '', formId: view.formId },
    itemRef,
  });
}
