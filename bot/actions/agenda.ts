import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FORM_ID } from '../../services/audit';
import { DomainError } from '../../services/errors';
import { fmt, plain } from '../../services/i18n';
import { itemLabel } from '../../services/meetings';
import type { Meeting, Member, Network } from '../../services/model';
import { itemCheck, type AttachmentRow, type ItemForm, type ItemRef, type ProposalForm } from '../../services/planning/meetings';
import { agendaCardFor } from '../meeting';
import { defineAction, type ActionContext, type ActionResult, type CardAction } from './action';
import { refusalText } from '../refusal';
import { field, MeetingRef, planner } from './planning';

/** An item as an agenda card names it: number and title check (-1 and "" for a new one). Never who clicked. */
const ItemRefData = MeetingRef.extend({ item: z.number().int().min(-1).max(999), check: z.string().max(20) });
type ItemRefData = z.output<typeof ItemRefData>;
const ProposalRefData = ItemRefData.extend({ proposalId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

/** The Bilag rows' inputs (`attachment-<n>-title`, `attachment-<n>-url`), in row order; rows the card lacks are blank. */
const ATTACHMENT_INPUT = /^attachment-(\d{1,2})-(title|url)$/;
function attachmentRows(data: Record<string, unknown>): AttachmentRow[] {
  const rows: AttachmentRow[] = [];
  for (const [key, value] of Object.entries(data)) {
    const [, number, input] = ATTACHMENT_INPUT.exec(key) ?? [];
    if (!number || typeof value !== 'string') continue;
    const row = (rows[Number(number) - 1] ??= { title: '', url: '' });
    row[input as keyof AttachmentRow] = value;
  }
  return Array.from(rows, (row) => row ?? { title: '', url: '' });
}

const ItemFormData = ItemRefData.extend({
  formId: z.string().regex(FORM_ID),
  title: field(1000),
  minutes: z.union([z.string().max(20), z.number()]).transform(String).default(''),
  recommendations: field(100_000),
  problem: field(20_000),
  solution: field(20_000),
  nextSteps: field(20_000),
})
  // The Bilag inputs arrive beside the others, as text: at most 99 rows of bounded length.
  .catchall(z.unknown())
  .superRefine((data, ctx) => {
    for (const [key, value] of Object.entries(data)) {
      if (ATTACHMENT_INPUT.test(key) && (typeof value !== 'string' || value.length > 2000)) ctx.addIssue({ code: 'custom', path: [key], message: 'expected text of at most 2000 characters' });
    }
  })
  .transform((data) => ({ ...data, attachments: attachmentRows(data) }));

const count = z.union([z.string().max(20), z.number()]).transform(String).default('');
const ProposalFormData = ItemRefData.extend({
  proposalId: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9-]{1,40}$/)]),
  formId: z.string().regex(FORM_ID),
  title: field(2000),
  criteria: field(5000),
  patientsPerYear: count,
  sequencingsPerYear: count,
  diagnosticYield: field(500),
  addedValue: field(5000),
});

interface Scope {
  network: Network;
  member: Member;
  meeting: Meeting;
}

const refOf = (data: ItemRefData): ItemRef => ({ number: data.item, check: data.check });

/** The sender, refused unless they plan meetings, and the meeting the card names. */
async function scopeOf(ctx: ActionContext, data: { networkId: string; meetingId: string }): Promise<Scope> {
  const { network, member } = planner(ctx, data.networkId);
  return { network, member, meeting: await ctx.services.meetings.require(network.id, data.meetingId) };
}

const agendaOf = async (ctx: ActionContext, s: Scope, meeting: Meeting, notice: string): Promise<ActionResult> => ({
  card: await agendaCardFor(ctx.services, ctx.cards, meeting, s.network, ctx.lang, s.member, notice),
});

/** The item's form, with its proposals, and why they are locked if the vote has opened. */
async function itemForm(ctx: ActionContext, s: Scope, meeting: Meeting, ref: ItemRef, notice?: string): Promise<ActionResult> {
  const item = ctx.services.planner.itemFor(meeting, ref);
  let locked: string | undefined;
  try {
    await ctx.services.planner.requireProposalsOpen(s.network.id, meeting.id, { number: item.number, check: itemCheck(item) });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    locked = refusalText(ctx.lang, err);
  }
  return { card: ctx.cards.agendaItemForm({ meeting, item, formId: randomUUID(), locked, notice }, ctx.lang) };
}

/** Runs a form's change; a refusal brings the form back with what was typed and why. */
async function orForm(ctx: ActionContext, run: () => Promise<ActionResult>, form: (notice: string) => ActionResult): Promise<ActionResult> {
  try {
    return await run();
  } catch (err) {
    const notice = refusalText(ctx.lang, err);
    if (notice === undefined) throw err;
    ctx.log.info({ err: String(err) }, 'form refused');
    return form(notice);
  }
}

/** Card actions (Action.Execute verbs) of agenda and proposal editing, from the agenda card. */
export const agendaActions: CardAction[] = [
  defineAction({
    verb: 'agenda.item.new',
    data: MeetingRef,
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      const meeting = await ctx.services.planner.requireEditable(s.network.id, s.meeting.id);
      return { card: ctx.cards.agendaItemForm({ meeting, formId: randomUUID() }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'agenda.item.edit',
    data: ItemRefData,
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      const meeting = await ctx.services.planner.requireEditable(s.network.id, s.meeting.id);
      return itemForm(ctx, s, meeting, refOf(data));
    },
  }),
  defineAction({
    verb: 'agenda.item.save',
    data: ItemFormData,
    async handler(ctx, { formId, title, minutes, recommendations, problem, solution, nextSteps, attachments, networkId, meetingId, item, check }) {
      const ref = { networkId, meetingId, item, check };
      const s = await scopeOf(ctx, ref);
      const form: ItemForm = { title, minutes, recommendations, problem, solution, nextSteps, attachments };
      const a = ctx.t.planning.agenda;
      const editing = ref.item >= 0 ? ctx.services.planner.itemFor(s.meeting, refOf(ref)) : undefined;
      return orForm(
        ctx,
        async () => {
          if (!editing) {
            const { meeting, item, repeated } = await ctx.services.planner.addItem(s.network, s.member, s.meeting.id, form, formId);
            ctx.log.info({ meeting: meeting.id, item: item.number, repeated }, 'agenda item added');
            return agendaOf(ctx, s, meeting, repeated ? a.alreadyAdded : fmt(a.added, { title: plain(item.title), item: itemLabel(meeting, item) }));
          }
          const { meeting, changed } = await ctx.services.planner.updateItem(s.network, s.member, s.meeting.id, refOf(ref), form);
          const label = itemLabel(meeting, editing);
          return agendaOf(ctx, s, meeting, fmt(changed ? a.saved : a.unchanged, { item: label }));
        },
        (notice) => ({ card: ctx.cards.agendaItemForm({ meeting: s.meeting, item: editing, formId, notice }, ctx.lang, form) }),
      );
    },
  }),
  ...(['up', 'down', 'remove'] as const).map((change) =>
    defineAction({
      verb: `agenda.item.${change}`,
      data: ItemRefData,
      async handler(ctx, data) {
        const s = await scopeOf(ctx, data);
        const { title } = ctx.services.planner.itemFor(s.meeting, refOf(data));
        const planner = ctx.services.planner;
        const { meeting } =
          change === 'remove' ? await planner.removeItem(s.network, s.member, s.meeting.id, refOf(data)) : await planner.moveItem(s.network, s.member, s.meeting.id, refOf(data), change);
        const a = ctx.t.planning.agenda;
        return agendaOf(ctx, s, meeting, fmt(change === 'remove' ? a.removed : a.moved, { title: plain(title) }));
      },
    }),
  ),
  defineAction({
    verb: 'proposal.new',
    data: ItemRefData,
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      const { meeting, item } = await ctx.services.planner.requireProposalsOpen(s.network.id, s.meeting.id, refOf(data));
      return { card: ctx.cards.proposalForm({ meeting, item, formId: randomUUID() }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'proposal.edit',
    data: ProposalRefData,
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      const { meeting, item } = await ctx.services.planner.requireProposalsOpen(s.network.id, s.meeting.id, refOf(data));
      const proposal = item.proposals.find((p) => p.id === data.proposalId);
      if (!proposal) throw new DomainError('common.staleCard', {}, `no proposal ${data.proposalId} on item ${item.number}`);
      return { card: ctx.cards.proposalForm({ meeting, item, proposal, formId: randomUUID() }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'proposal.save',
    data: ProposalFormData,
    async handler(ctx, { formId, proposalId, title, criteria, patientsPerYear, sequencingsPerYear, diagnosticYield, addedValue, ...ref }) {
      const s = await scopeOf(ctx, ref);
      const form: ProposalForm = { title, criteria, patientsPerYear, sequencingsPerYear, diagnosticYield, addedValue };
      const p = ctx.t.planning.proposals;
      const item = ctx.services.planner.itemFor(s.meeting, refOf(ref));
      const proposal = proposalId ? item.proposals.find((x) => x.id === proposalId) : undefined;
      return orForm(
        ctx,
        async () => {
          if (!proposalId) {
            const { meeting, repeated } = await ctx.services.planner.addProposal(s.network, s.member, s.meeting.id, refOf(ref), form, formId);
            return itemForm(ctx, s, meeting, refOf(ref), repeated ? p.alreadyAdded : fmt(p.added, { title: plain(title.trim()) }));
          }
          const { meeting, changed } = await ctx.services.planner.updateProposal(s.network, s.member, s.meeting.id, refOf(ref), proposalId, form);
          return itemForm(ctx, s, meeting, refOf(ref), fmt(changed ? p.saved : p.unchanged, { title: plain(title.trim()) }));
        },
        (notice) => ({ card: ctx.cards.proposalForm({ meeting: s.meeting, item, proposal, formId, notice }, ctx.lang, form) }),
      );
    },
  }),
  defineAction({
    verb: 'proposal.remove',
    data: ProposalRefData,
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      const title = ctx.services.planner.itemFor(s.meeting, refOf(data)).proposals.find((x) => x.id === data.proposalId)?.title ?? '';
      const { meeting } = await ctx.services.planner.removeProposal(s.network, s.member, s.meeting.id, refOf(data), data.proposalId);
      return itemForm(ctx, s, meeting, refOf(data), fmt(ctx.t.planning.proposals.removed, { title: plain(title) }));
    },
  }),
];
