import { randomUUID } from 'node:crypto';
import { LEADING_ROLES } from '../../services/model';
import type { Command, CommandContext } from './command';

/** Replies with the secretary's form: a deadline, or a draft circulated for comments. */
async function replyForm(ctx: CommandContext, kind: 'task' | 'comments'): Promise<void> {
  const now = ctx.services.clock.now();
  const meeting = await ctx.services.meetings.current(ctx.network.id, now);
  await ctx.replyCard(ctx.cards.deadlineForm({ network: ctx.network, kind, creator: ctx.sender.email, meeting, formId: randomUUID(), now }, ctx.lang));
}

/** Commands of the deadlines feature. */
export const deadlinesCommands: Command[] = [
  {
    name: 'deadline',
    da: ['frist'],
    en: ['deadline'],
    description: (t) => t.deadlines.commands.deadline,
    roles: LEADING_ROLES,
    handler: (ctx) => replyForm(ctx, 'task'),
  },
  {
    name: 'comments',
    da: ['kommentering'],
    en: ['comments'],
    description: (t) => t.deadlines.commands.comments,
    roles: LEADING_ROLES,
    handler: (ctx) => replyForm(ctx, 'comments'),
  },
  {
    name: 'deadlines',
    da: ['frister'],
    en: ['deadlines'],
    description: (t) => t.deadlines.commands.overview,
    roles: LEADING_ROLES,
    async handler(ctx) {
      const statuses = await ctx.services.deadlines.overview(ctx.network.id, ctx.member);
      await ctx.replyCard(ctx.cards.deadlinesOverview(statuses, ctx.network, ctx.lang));
    },
  },
];
