import { fmt, joinAnd, plain } from '../../services/i18n';
import type { Meeting, Member, Network } from '../../services/model';
import { minutesCardFor } from '../minutesCard';
import { defineAction, type ActionContext, type ActionResult, type CardAction } from './action';
import { field, MeetingRef, planner } from './planning';

interface Acting {
  network: Network;
  member: Member;
  meeting: Meeting;
}

/**
 * An action of the leading roles on a meeting's minutes: `act` does it (and says what it did),
 * then the minutes card comes back with that as its notice.
 */
async function onMinutes(ctx: ActionContext, { networkId, meetingId }: { networkId: string; meetingId: string }, act: (acting: Acting) => Promise<string | undefined>): Promise<ActionResult> {
  const { network, member } = planner(ctx, networkId);
  const meeting = await ctx.services.meetings.require(network.id, meetingId);
  const notice = await act({ network, member, meeting });
  return { card: await minutesCardFor(ctx.services, ctx.cards, ctx.links, meeting, ctx.lang, member, notice) };
}

/** Card actions (Action.Execute verbs) of the minutes' life: comments on the draft, reminders, approval. */
export const minutesActions: CardAction[] = [
  defineAction({
    verb: 'minutes.card',
    data: MeetingRef,
    handler: (ctx, ref) => onMinutes(ctx, ref, async () => undefined),
  }),
  defineAction({
    verb: 'minutes.circulate',
    data: MeetingRef.extend({ dueDate: field(40) }),
    handler: (ctx, { dueDate, ...ref }) =>
      onMinutes(ctx, ref, async ({ network, member, meeting }) => {
        const { task } = await ctx.services.minutes.circulate(meeting, network, member, dueDate.trim());
        ctx.log.info({ task: task.id, assignees: task.assigneeEmails.length }, 'minutes sent for comments');
        return fmt(ctx.t.minutes.card.circulated, { count: task.assigneeEmails.length });
      }),
  }),
  defineAction({
    verb: 'minutes.nudge',
    data: MeetingRef,
    handler: (ctx, ref) =>
      onMinutes(ctx, ref, async ({ member, meeting }) => {
        const round = await ctx.services.minutes.round(meeting);
        const missing = round?.assignees.filter((a) => a.status === 'open') ?? [];
        const count = round ? await ctx.services.deadlines.nudgeNow(round.task.id, member) : 0;
        const c = ctx.t.minutes.card;
        return count ? fmt(c.nudged, { count, names: joinAnd(ctx.lang, missing.map((a) => plain(a.name))) }) : c.nobodyMissing;
      }),
  }),
  defineAction({
    verb: 'minutes.approve',
    data: MeetingRef,
    handler: (ctx, ref) =>
      onMinutes(ctx, ref, async ({ member, meeting }) => {
        const { repeated } = await ctx.services.minutes.approve(meeting, member);
        if (!repeated) ctx.log.info({ meeting: meeting.id }, 'minutes approved');
        return ctx.t.minutes.card.approved;
      }),
  }),
];
