import { z } from 'zod';
import { answerText } from '../../cards/habilitet';
import { DomainError } from '../../services/errors';
import type { MemberView } from '../../services/habilitet';
import { fmt } from '../../services/i18n';
import { IdSchema } from '../../services/model';
import { defineAction, type ActionContext, type ActionResult, type CardAction } from './action';

/** What every prompt card action carries back: which meeting. Never who clicked. */
const MeetingRef = z.object({
  meetingId: IdSchema,
  networkId: IdSchema,
});
type MeetingRef = z.output<typeof MeetingRef>;

/** What the sender's own prompt card shows; refuses anyone who does not answer the round. */
async function viewOf(ctx: ActionContext, ref: MeetingRef): Promise<MemberView> {
  const { member, network } = ctx.membershipIn(ref.networkId);
  return ctx.services.habilitet.viewFor(ref.networkId, ref.meetingId, member, network);
}

/** The prompt card with the sender's current answer; `refresh` keeps it so for them alone. */
const cardOf = (ctx: ActionContext, view: MemberView, options: { form?: boolean; notice?: string } = {}): ActionResult => ({
  card: ctx.cards.habilitetPrompt(view, ctx.lang, { ...options, userIds: [ctx.sender.teamsUserId] }),
});

/** Records the sender's answer and confirms what was recorded; the status card follows from the sweep (services/habilitet/followUps.ts). */
async function record(ctx: ActionContext, ref: MeetingRef, input: Record<string, unknown>): Promise<ActionResult> {
  const { member, network } = ctx.membershipIn(ref.networkId);
  const { doc, changed, meeting, view } = await ctx.services.habilitet.answer(ref.networkId, ref.meetingId, member, input, network);
  ctx.log.info({ meeting: meeting.id, answer: doc.latest.answer, items: doc.latest.items, changed }, 'habilitet answer');
  const p = ctx.t.habilitet.prompt;
  return cardOf(ctx, view, { notice: fmt(changed ? p.recorded : p.unchanged, { answer: answerText(meeting, doc.latest, ctx.lang) }) });
}

/** Card actions (Action.Execute verbs) of the habilitet feature. */
export const habilitetActions: CardAction[] = [
  defineAction({
    verb: 'habilitet.no',
    data: MeetingRef,
    handler: (ctx, ref) => record(ctx, ref, { answer: 'no' }),
  }),
  defineAction({
    verb: 'habilitet.yes',
    data: MeetingRef,
    async handler(ctx, ref) {
      const view = await viewOf(ctx, ref);
      // A stale card (round locked, meeting begun) says why instead of opening the form.
      if (view.closed) throw new DomainError(view.closed === 'locked' ? 'habilitet.locked' : 'habilitet.meetingStarted');
      return cardOf(ctx, view, { form: true });
    },
  }),
  defineAction({
    verb: 'habilitet.submitYes',
    // The inputs arrive as strings: the multi-select as "2,3"; the domain parses and checks them.
    data: MeetingRef.extend({ items: z.string().optional(), description: z.string().optional() }),
    handler: (ctx, { items, description, ...ref }) => record(ctx, ref, { answer: 'yes', items: items ?? '', description: description ?? '' }),
  }),
  defineAction({
    verb: 'habilitet.lock',
    // The confirmation of `habilitet lås` with members unanswered; the domain checks the role.
    data: MeetingRef,
    async handler(ctx, ref) {
      const { member } = ctx.membershipIn(ref.networkId);
      const done = await ctx.services.habilitet.lock(ref.networkId, ref.meetingId, member);
      ctx.log.info({ meeting: done.meeting.id, changed: done.changed }, 'habilitet round locked');
      if (done.changed) await ctx.habilitetPosts.updateStatus(ref.networkId, done.meeting.id);
      const h = ctx.t.habilitet;
      const notice = fmt(done.changed ? h.lockedNow : h.alreadyLocked, { meeting: done.meeting.title });
      return { card: ctx.cards.habilitetStatus(await ctx.services.habilitet.status(ref.networkId, done.meeting.id), ctx.lang, { notice }) };
    },
  }),
  defineAction({
    verb: 'habilitet.refresh',
    data: MeetingRef,
    handler: async (ctx, ref) => cardOf(ctx, await viewOf(ctx, ref)),
  }),
];
