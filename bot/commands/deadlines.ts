import { randomUUID } from 'node:crypto';
import { mayLead } from '../../services/agenda/leading';
import { DomainError } from '../../services/errors';
import { fmt, plain } from '../../services/i18n';
import { LEADING_ROLES } from '../../services/model';
import { findMember } from '../../services/networks';
import { formatDateTime } from '../../services/time';
import type { Command, CommandContext } from './command';

/** Replies with the secretary's form: a deadline, or a draft circulated for comments. */
async function replyForm(ctx: CommandContext, kind: 'task' | 'comments'): Promise<void> {
  const now = ctx.services.clock.now();
  const meeting = await ctx.services.meetings.current(ctx.network.id, now);
  await ctx.replyCard(ctx.cards.deadlineForm({ network: ctx.network, kind, creator: ctx.sender.email, meeting, formId: randomUUID(), now }, ctx.lang));
}

/** The sender's own open deadlines, soonest first, as a list in chat. */
async function replyMine(ctx: CommandContext): Promise<void> {
  const m = ctx.t.deadlines.mine;
  const tasks = await ctx.services.deadlines.mine(ctx.network.id, ctx.member);
  if (!tasks.length) return void (await ctx.reply(m.none));
  const line = (task: (typeof tasks)[number]) => {
    const due = formatDateTime(new Date(task.due), ctx.lang);
    const to = task.deliverTo ? findMember(ctx.network, task.deliverTo)?.name : undefined;
    return `- ${fmt(to ? m.lineTo : m.line, { title: plain(task.title), due, name: to ?? '' })}`;
  };
  await ctx.reply([m.title, ...tasks.map(line)].join('\n'));
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
    // The chair and the secretary see every open deadline; a member sees their own.
    roles: 'any',
    async handler(ctx) {
      if (!mayLead(ctx.member)) return replyMine(ctx);
      const statuses = await ctx.services.deadlines.overview(ctx.network.id, ctx.member);
      await ctx.replyCard(ctx.cards.deadlinesOverview(statuses, ctx.network, ctx.lang));
    },
  },
  {
    name: 'myDeadlines',
    da: ['mine'],
    en: ['my'],
    usage: { da: 'frister', en: 'deadlines' },
    description: (t) => t.deadlines.commands.mine,
    roles: 'any',
    async handler(ctx) {
      const [word, ...rest] = ctx.args.map((a) => a.toLowerCase());
      if (rest.length || (word !== undefined && !['frister', 'deadlines'].includes(word))) throw new DomainError('deadlines.mineUsage');
      await replyMine(ctx);
    },
  },
];
