import { fmt, joinAnd } from '../../services/i18n';
import { minutesCardFor } from '../minutesCard';
import { defineAction, type ActionContext, type CardAction } from './action';
import { field, MeetingRef, planner } from './planning';

/** The minutes card again, for the leading roles, with what was just done as a notice. */
async function cardFor(ctx: ActionContext, networkId: string, meetingId: string, notice?: string) {
  const { network, member } = planner(ctx, networkId);
  const meeting = await ctx.services.meetings.require(network.id, meetingId);
  return { card: await minutesCardFor(ctx.services, ctx.cards, ctx.links, meeting, ctx.lang, member, notice) };
}

/** Card actions (Action.Execute verbs) of the minutes' life: comments on the draft, reminders, approval. */
export const minutesActions: CardAction[] = [
  defineAction({
    verb: 'minutes.card',
    data: MeetingRef,
    handler: (ctx, { networkId, meetingId }) => cardFor(ctx, networkId, meetingId),
  }),
  defineAction({
    verb: 'minutes.circulate',
    data: MeetingRef.extend({ dueDate: field(40) }),
    async handler(ctx, { networkId, meetingId, dueDate }) {
      const { network, member } = planner(ctx, networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      const { task } = await ctx.services.minutes.circulate(meeting, network, member, dueDate.trim());
      ctx.log.info({ task: task.id, assignees: task.assigneeEmails.length }, 'minutes sent for comments');
      return cardFor(ctx, networkId, meetingId, fmt(ctx.t.minutes.card.circulated, { count: task.assigneeEmails.length }));
    },
  }),
  defineAction({
    verb: 'minutes.nudge',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = planner(ctx, networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      const round = await ctx.services.minutes.round(meeting);
      const missing = round?.assignees.filter((a) => a.status === 'open') ?? [];
      const count = round ? await ctx.services.deadlines.nudgeNow(round.task.id, member) : 0;
      const c = ctx.t.minutes.card;
      return cardFor(ctx, networkId, meetingId, count ? fmt(c.nudged, { count, names: joinAnd(ctx.lang, missing.map((a) => a.name)) }) : c.nobodyMissing);
    },
  }),
  defineAction({
    verb: 'minutes.approve',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = planner(ctx, networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      const { repeated } = await ctx.services.minutes.approve(meeting, member);
      if (!repeated) ctx.log.info({ meeting: meeting.id }, 'minutes approved');
      return cardFor(ctx, networkId, meetingId, ctx.t.minutes.card.approved);
    },
  }),
];
