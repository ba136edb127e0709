import { itemLabels } from '../../services/habilitet';
import { fmt, joinAnd, plain } from '../../services/i18n';
import { MeetingArgSchema } from '../../services/meetings';
import type { Member } from '../../services/model';
import { formatDateTime, formatMeetingTime } from '../../services/time';
import { parseInput } from '../../services/validation';
import type { Command, CommandContext } from './command';

/** The words after `habilitet`, in either language; none means "start". */
const SUBCOMMANDS = {
  status: ['status'],
  lock: ['lås', 'lock'],
  reopen: ['genåbn', 'reopen'],
  history: ['historik', 'history'],
} as const;
type Subcommand = keyof typeof SUBCOMMANDS | 'start';

function parseArgs(args: string[]): { sub: Subcommand; meetingId?: string } {
  const first = args[0]?.toLowerCase();
  const sub = (Object.keys(SUBCOMMANDS) as (keyof typeof SUBCOMMANDS)[]).find((s) => (SUBCOMMANDS[s] as readonly string[]).includes(first ?? ''));
  const [meetingId] = parseInput(MeetingArgSchema, sub ? args.slice(1) : args, 'arguments');
  return { sub: sub ?? 'start', meetingId };
}

const names = (ctx: CommandContext, members: Member[]) => joinAnd(ctx.lang, members.map((m) => m.name));

/**
 * Starts the round and queues the prompts, answers at once, and only then lets the sweep
 * send them: the one who asked hears back first, however many members there are, and the
 * status card shows how the sending goes and whom it could not reach.
 */
async function start(ctx: CommandContext, meetingId: string | undefined): Promise<void> {
  const { services, network } = ctx;
  const { meeting, created } = await services.habilitet.start(network.id, meetingId, ctx.member);
  const queued = await ctx.habilitetPosts.queuePrompts(network, meeting, ctx.member);
  try {
    const h = ctx.t.habilitet;
    const when = formatMeetingTime(new Date(meeting.start), new Date(meeting.end), ctx.lang, '–');
    const lines = created
      ? [fmt(h.started, { meeting: meeting.title, when, count: queued.length })]
      : [fmt(h.alreadyStarted, { meeting: meeting.title }), ...(queued.length ? [fmt(h.queuedNow, { names: names(ctx, queued) })] : [])];
    await ctx.reply(lines.join('\n\n'));
    await ctx.habilitetPosts.showStatus(network.id, meeting.id, { reference: ctx.messenger.referenceOf(ctx.turn), lang: ctx.lang, reply: ctx.replyCard });
  } finally {
    if (queued.length) services.fanout.wake();
  }
}

async function setLocked(ctx: CommandContext, meetingId: string | undefined, locked: boolean): Promise<void> {
  const { services, network } = ctx;
  const h = ctx.t.habilitet;
  const done = locked ? await services.habilitet.lock(network.id, meetingId, ctx.member, true) : await services.habilitet.reopen(network.id, meetingId, ctx.member);
  if (done.unanswered.length) {
    // Locking shuts out those who have not answered: the status card asks first, with a button that locks.
    await ctx.replyCard(ctx.cards.habilitetStatus(await services.habilitet.status(network.id, done.meeting.id), ctx.lang, { confirmLock: true }));
    return;
  }
  const text = locked ? (done.changed ? h.lockedNow : h.alreadyLocked) : done.changed ? h.reopenedNow : h.alreadyOpen;
  await ctx.reply(fmt(text, { meeting: done.meeting.title }));
  if (done.changed) await ctx.habilitetPosts.updateStatus(network.id, done.meeting.id);
}

async function history(ctx: CommandContext, meetingId: string | undefined): Promise<void> {
  const h = ctx.t.habilitet.history;
  const { meeting, entries } = await ctx.services.habilitet.history(ctx.network.id, meetingId, ctx.member);
  const lines = entries.map((e) =>
    fmt(e.answer === 'no' ? h.no : h.yes, {
      when: formatDateTime(new Date(e.at), ctx.lang),
      name: e.name,
      items: itemLabels(meeting, e.items, ctx.lang),
      description: plain(e.description ?? ''),
    }),
  );
  await ctx.reply([fmt(h.title, { meeting: meeting.title }), ...(lines.length ? lines.map((l) => `- ${l}`) : [h.empty])].join('\n'));
}

const habilitet: Command = {
  name: 'habilitet',
  da: ['habilitet'],
  en: ['impartiality'],
  usage: { da: '[status | lås | genåbn | historik] [møde]', en: '[status | lock | reopen | history] [meeting]' },
  description: (t) => t.habilitet.commands.habilitet,
  // Anyone may see the status; starting, locking, reopening and the history check the role in the domain.
  roles: 'any',
  async handler(ctx) {
    const { sub, meetingId } = parseArgs(ctx.args);
    switch (sub) {
      case 'start':
        return start(ctx, meetingId);
      case 'status':
        await ctx.replyCard(ctx.cards.habilitetStatus(await ctx.services.habilitet.status(ctx.network.id, meetingId), ctx.lang));
        return;
      case 'lock':
      case 'reopen':
        return setLocked(ctx, meetingId, sub === 'lock');
      case 'history':
        return history(ctx, meetingId);
    }
  },
};

/** Commands of the habilitet feature. */
export const habilitetCommands: Command[] = [habilitet];
