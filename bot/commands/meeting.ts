import { mayLead } from '../../services/agenda/leading';
import { labelOf, requireItem } from '../../services/agenda/schedule';
import { DomainError } from '../../services/errors';
import { fmt } from '../../services/i18n';
import { MeetingArgSchema } from '../../services/meetings';
import { parseInput } from '../../services/validation';
import { LEADING_ROLES, type AgendaItem, type Meeting } from '../../services/model';
import { teamsMeetingOf } from '../liveMeeting';
import { agendaCardFor, attendanceCardFor, itemCardFor, postVoteCard, updatePostedVote, voteCardFor } from '../meeting';
import type { Command, CommandContext } from './command';

/** The meeting in progress or next to come. */
const currentMeeting = (ctx: CommandContext): Promise<Meeting> => ctx.services.meetings.resolve(ctx.network.id, undefined, ctx.services.clock.now());

/** The item number given after the command ("punkt 2"), or the item the meeting is at. */
async function itemNumberOf(ctx: CommandContext, meeting: Meeting, example: string): Promise<number> {
  const [word] = ctx.args;
  if (word !== undefined) {
    if (!/^\d{1,3}$/.test(word)) throw new DomainError('meeting.needItemNumber', { example }, `"${word}" is not an item number`);
    return Number(word);
  }
  const current = await ctx.services.agenda.currentItem(meeting);
  if (!current) throw new DomainError('meeting.needItemNumber', { example }, 'no item number and the meeting has not started');
  return current.number;
}

async function showItem(ctx: CommandContext, meeting: Meeting, item: AgendaItem): Promise<void> {
  await ctx.replyCard(await itemCardFor(ctx.services, ctx.cards, meeting, ctx.network, item, ctx.lang));
}

/** The attendance card for the current meeting. */
async function replyAttendance(ctx: CommandContext, starting: boolean): Promise<void> {
  await ctx.replyCard(await attendanceCardFor(ctx.services, ctx.cards, await currentMeeting(ctx), ctx.network, ctx.lang, starting));
}

type Spec = Pick<Command, 'name' | 'da' | 'en' | 'description'>;

/** A chair's or secretary's command that moves the meeting to an item and posts its card. */
function moving(spec: Spec, pick: (ctx: CommandContext, meeting: Meeting) => Promise<AgendaItem>): Command {
  return {
    ...spec,
    roles: LEADING_ROLES,
    async handler(ctx) {
      const meeting = await currentMeeting(ctx);
      await showItem(ctx, meeting, await pick(ctx, meeting));
    },
  };
}

/** A chair's or secretary's command on one item of the current meeting: "afstem 2", or the item the meeting is at. */
function onItem(spec: Spec, run: (ctx: CommandContext, meeting: Meeting, number: number) => Promise<void>): Command {
  const command: Command = {
    ...spec,
    usage: { da: '<nr.>', en: '<no.>' },
    roles: LEADING_ROLES,
    async handler(ctx) {
      const meeting = await currentMeeting(ctx);
      await run(ctx, meeting, await itemNumberOf(ctx, meeting, `${command[ctx.lang][0]} 2`));
    },
  };
  return command;
}

// Anyone may open an item; only the chair and the secretary move the meeting to it.
const item: Command = {
  ...onItem({ name: 'item', da: ['punkt'], en: ['item'], description: (t) => t.meeting.commands.item }, async (ctx, meeting, number) =>
    showItem(ctx, meeting, mayLead(ctx.member) ? await ctx.services.agenda.goTo(meeting, ctx.member, number) : requireItem(meeting, number)),
  ),
  roles: 'any',
};

const vote = onItem({ name: 'vote', da: ['afstem'], en: ['vote'], description: (t) => t.meeting.commands.vote }, async (ctx, meeting, number) => {
  const { vote: opened } = await ctx.services.voting.open(meeting, ctx.member, number, () => ctx.services.voteFrames.of(ctx.network));
  if (opened.status === 'closed') {
    const notice = fmt(ctx.t.meeting.vote.alreadyClosed, { item: labelOf(meeting, number) });
    await ctx.replyCard(await voteCardFor(ctx.services, ctx.cards, meeting, ctx.network, number, ctx.lang, undefined, notice));
    return;
  }
  // Posted (again) where the command was typed; the close replaces the latest post.
  await postVoteCard(ctx.services, ctx.cards, ctx.replyCard, ctx.messenger.referenceOf(ctx.turn), meeting, ctx.network, number, ctx.lang);
});

const close = onItem({ name: 'close', da: ['luk'], en: ['close'], description: (t) => t.meeting.commands.close }, async (ctx, meeting, number) => {
  const { vote: closed, alreadyClosed } = await ctx.services.voting.close(meeting, ctx.network, ctx.member, number);
  if (!alreadyClosed) await updatePostedVote(ctx.services, ctx.cards, ctx.messenger, ctx.log, meeting, ctx.network, closed, ctx.lang);
  await ctx.replyCard(await voteCardFor(ctx.services, ctx.cards, meeting, ctx.network, number, ctx.lang));
});

/** Commands of the meeting feature: the agenda, moving through the items, and voting. */
export const meetingCommands: Command[] = [
  {
    name: 'agenda',
    da: ['dagsorden'],
    en: ['agenda'],
    usage: { da: '[møde]', en: '[meeting]' },
    description: (t) => t.meeting.commands.agenda,
    roles: 'any',
    async handler(ctx) {
      const [ref] = parseInput(MeetingArgSchema, ctx.args, 'dagsorden');
      const meeting = await ctx.services.meetings.resolve(ctx.network.id, ref, ctx.services.clock.now());
      // In a Teams meeting's chat not linked to this meeting the card offers the link.
      const teams = teamsMeetingOf(ctx, ctx.turn);
      const linkable = Boolean(teams) && (await ctx.services.live.linkOf(teams!.teamsMeetingId))?.meetingId !== meeting.id;
      // In a 1:1 chat the card is the sender's own; elsewhere everyone's, refreshed for the leading roles.
      await ctx.replyCard(await agendaCardFor(ctx.services, ctx.cards, meeting, ctx.network, ctx.lang, ctx.scope === 'personal' ? ctx.member : undefined, undefined, linkable));
    },
  },
  {
    name: 'start',
    da: ['start'],
    en: ['start'],
    description: (t) => t.meeting.commands.start,
    roles: LEADING_ROLES,
    // First who is present: the card's Start mødet records it and shows the first item.
    handler: (ctx) => replyAttendance(ctx, true),
  },
  {
    name: 'attendance',
    da: ['fremmøde', 'fremmoede'],
    en: ['attendance'],
    description: (t) => t.attendance.commands.attendance,
    roles: LEADING_ROLES,
    handler: (ctx) => replyAttendance(ctx, false),
  },
  moving({ name: 'next', da: ['næste', 'naeste'], en: ['next'], description: (t) => t.meeting.commands.next }, (ctx, meeting) => ctx.services.agenda.next(meeting, ctx.member)),
  item,
  vote,
  close,
];
