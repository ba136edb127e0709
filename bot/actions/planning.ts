import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mayLead, requireLeading } from '../../services/agenda/leading';
import { FORM_ID } from '../../services/audit';
import { fmt, plain } from '../../services/i18n';
import { IdSchema, type Member, type Network } from '../../services/model';
import type { MeetingForm } from '../../services/planning/meetings';
import { agendaCardFor } from '../meeting';
import { minutesCardFor } from '../minutesCard';
import { refusalText } from '../refusal';
import { defineAction, type ActionContext, type ActionResult, type CardAction } from './action';

/** What the planning cards carry back: which network, and which meeting. Never who clicked. */
export const NetworkRef = z.object({ networkId: IdSchema });
export const MeetingRef = NetworkRef.extend({ meetingId: IdSchema });

/** The meeting form's submit: its ids plus the inputs Teams merged in, all text. */
export const field = (max: number) => z.string().max(max).default('');
const MeetingFormData = NetworkRef.extend({
  meetingId: z.union([z.literal(''), IdSchema]),
  formId: z.string().regex(FORM_ID),
  title: field(1000),
  date: field(40),
  start: field(20),
  end: field(20),
  location: field(1000),
  chair: field(320),
  secretary: field(320),
  caseNumber: field(200),
  documentNumber: field(200),
});

/** The sender's roster entry in the card's network, refused unless they plan meetings. */
export function planner(ctx: ActionContext, networkId: string): { network: Network; member: Member } {
  const membership = ctx.membershipIn(networkId);
  requireLeading(membership.member);
  return membership;
}

async function listCard(ctx: ActionContext, network: Network, member: Member, notice?: string): Promise<ActionResult> {
  const meetings = await ctx.services.meetings.list(network.id);
  return { card: ctx.cards.meetings({ network, meetings, now: ctx.services.clock.now(), editor: mayLead(member), notice }, ctx.lang) };
}

/** Card actions (Action.Execute verbs) of planning in Teams: the meetings list and the meeting form. */
export const planningActions: CardAction[] = [
  defineAction({
    verb: 'planning.meetings',
    data: NetworkRef,
    async handler(ctx, { networkId }) {
      const { network, member } = ctx.membershipIn(networkId);
      return listCard(ctx, network, member);
    },
  }),
  defineAction({
    verb: 'planning.agenda',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = ctx.membershipIn(networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      return { card: await agendaCardFor(ctx.services, ctx.cards, meeting, network, ctx.lang, member) };
    },
  }),
  defineAction({
    verb: 'planning.minutes',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = planner(ctx, networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      return { card: await minutesCardFor(ctx.services, ctx.cards, ctx.links, meeting, ctx.lang, member) };
    },
  }),
  defineAction({
    verb: 'planning.meeting.new',
    data: NetworkRef,
    async handler(ctx, { networkId }) {
      const { network } = planner(ctx, networkId);
      return { card: ctx.cards.meetingForm({ network, formId: randomUUID(), now: ctx.services.clock.now() }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'planning.meeting.edit',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network } = planner(ctx, networkId);
      const meeting = await ctx.services.planner.requireEditable(network.id, meetingId);
      return { card: ctx.cards.meetingForm({ network, meeting, formId: randomUUID(), now: ctx.services.clock.now() }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'planning.meeting.save',
    data: MeetingFormData,
    async handler(ctx, { networkId, meetingId, formId, ...form }: { networkId: string; meetingId: string; formId: string } & MeetingForm) {
      const { network, member } = planner(ctx, networkId);
      const p = ctx.t.planning.list;
      try {
        if (!meetingId) {
          const { meeting, repeated } = await ctx.services.planner.create(network, member, form, formId);
          ctx.log.info({ meeting: meeting.id, repeated }, 'meeting created');
          return listCard(ctx, network, member, fmt(repeated ? p.alreadyCreated : p.created, { meeting: plain(meeting.title) }));
        }
        const { meeting, changed } = await ctx.services.planner.update(network, member, meetingId, form);
        ctx.log.info({ meeting: meeting.id, changed }, 'meeting changed');
        return listCard(ctx, network, member, fmt(changed ? p.saved : p.unchanged, { meeting: plain(meeting.title) }));
      } catch (err) {
        const notice = refusalText(ctx.lang, err);
        if (notice === undefined) throw err;
        ctx.log.info({ err: String(err) }, 'meeting form refused');
        // The form comes back with what was typed and why it was refused; nothing was saved.
        const meeting = meetingId ? await ctx.services.meetings.get(network.id, meetingId) : undefined;
        return { card: ctx.cards.meetingForm({ network, meeting, formId, now: ctx.services.clock.now(), notice }, ctx.lang, form) };
      }
    },
  }),
  defineAction({
    verb: 'planning.meeting.cancel',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = planner(ctx, networkId);
      const { meeting, changed } = await ctx.services.planner.cancel(network, member, meetingId);
      ctx.log.info({ meeting: meeting.id, changed }, 'meeting cancelled');
      const p = ctx.t.planning.list;
      return listCard(ctx, network, member, fmt(changed ? p.cancelledNow : p.alreadyCancelled, { meeting: plain(meeting.title) }));
    },
  }),
];
