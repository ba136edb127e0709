import { z } from 'zod';
import { requireItem } from '../../services/agenda/schedule';
import { DomainError } from '../../services/errors';
import { catalog, fmt, joinAnd, langOf } from '../../services/i18n';
import { progressOf } from '../../services/fanout/model';
import { itemLabel } from '../../services/meetings';
import { canVote, IdSchema, type AgendaItem, type Meeting, type Member, type Network } from '../../services/model';
import type { CastInput, SeenVote, VoteState } from '../../services/voting/voting';
import { findMember } from '../../services/networks';
import { itemCardFor, postVoteCard, updatePostedVote, voteCardFor } from '../meeting';
import { refusalText } from '../refusal';
import { defineAction, type ActionContext, type ActionResult, type CardAction, type LeanContext } from './action';

/** A reminder of a vote is sent again only this long after the last one finished: a second click sooner shows how it went. */
const REMIND_AGAIN_MS = 60_000;

/** What every item and vote card action carries back: which item of which meeting. Never who clicked. */
const ItemRef = z.object({
  networkId: IdSchema,
  meetingId: IdSchema,
  item: z.number().int().min(0).max(999),
});
type ItemRef = z.output<typeof ItemRef>;

interface ItemScope {
  network: Network;
  member: Member;
  meeting: Meeting;
  item: AgendaItem;
}

/** The sender's roster entry (from the activity) and the item the card names. */
async function scopeOf(ctx: ActionContext, ref: ItemRef): Promise<ItemScope> {
  const { network, member } = ctx.membershipIn(ref.networkId);
  const meeting = await ctx.services.meetings.require(network.id, ref.meetingId);
  return { network, member, meeting, item: requireItem(meeting, ref.item) };
}

/** What answering with a vote card takes: the App's cards and services, and the reader's language. */
type Speaking = Pick<ActionContext, 'services' | 'cards' | 'lang' | 't' | 'log'>;

/**
 * A vote as a voting member sees it, from the vote's own read (see `Voting.seenBy`): undefined
 * when that cannot tell, and the action reads the roster. The vote's roster is as it opened, so it
 * is trusted only to let a voting member in: anyone else (staff then, promoted since?) is
 * looked up on the network's roster. A click outside a 1:1 chat must come from the conversation
 * the vote card was posted in: in a linked channel a card acts on that channel's network only,
 * and the vote's own card there does.
 */
async function seenVote(ctx: LeanContext, ref: ItemRef): Promise<{ s: ItemScope; seen: SeenVote; speaking: Speaking } | undefined> {
  const seen = await ctx.services.voting.seenBy({ networkId: ref.networkId, id: ref.meetingId }, ref.item, ctx.caller.email);
  if (!seen || seen.network.id !== ref.networkId || !canVote(seen.member.role)) return undefined;
  if (ctx.scope !== 'personal' && conversationOf(seen.post?.reference) !== ctx.conversationId) return undefined;
  const lang = seen.lang ?? langOf(seen.network.locale);
  const s = { network: seen.network, member: seen.member, meeting: seen.meeting, item: seen.state.item };
  return { s, seen, speaking: { services: ctx.services, cards: ctx.cards, log: ctx.log, lang, t: catalog(lang) } };
}

/** The id of the conversation a stored reference names, without Teams' thread suffix. */
const conversationOf = (reference: Record<string, unknown> | undefined): string | undefined =>
  (reference?.conversation as { id?: string } | undefined)?.id?.split(';')[0];

const itemCard = async (ctx: ActionContext, s: ItemScope, notice?: string): Promise<ActionResult> => ({
  card: await itemCardFor(ctx.services, ctx.cards, s.meeting, s.network, s.item, ctx.lang, s.member, notice),
});

const voteCard = async (ctx: Speaking, s: ItemScope, notice?: string, draft?: CastInput[], state?: VoteState): Promise<ActionResult> => ({
  card: await voteCardFor(ctx.services, ctx.cards, s.meeting, s.network, s.item.number, ctx.lang, s.member, notice, draft, state),
});

/** Refusals of what a ballot says (not of the voter or the vote): the card comes back with the member's choices kept. */
const BALLOT_REFUSALS = new Set<string>(['meeting.vote.reasonRequired', 'meeting.vote.reasonTooLong']);

/** After a ballot: recorded or unchanged, and which of the item's proposals the member has still not voted on, if any. */
function castNotice(ctx: Speaking, s: ItemScope, changed: number, state: VoteState): string {
  const v = ctx.t.meeting.vote;
  const open = state.tally.proposals.filter((p) => !p.votes.some((x) => x.email === s.member.email)).map((p) => String(p.number));
  const done = changed ? v.recorded : v.unchanged;
  return open.length ? `${done} ${fmt(v.stillOpen, { numbers: joinAnd(ctx.lang, open) })}` : done;
}

/** Casts the sender's ballot and answers with their card; a refusal of what the ballot says keeps their choices on it. */
async function castBallot(ctx: Speaking, s: ItemScope, data: Record<string, unknown>, cast: (inputs: CastInput[]) => Promise<{ changed: number; state: VoteState }>): Promise<ActionResult> {
  const inputs = ballotInputs(data);
  let done: { changed: number; state: VoteState };
  try {
    done = await cast(inputs);
  } catch (err) {
    if (!(err instanceof DomainError) || !BALLOT_REFUSALS.has(err.key)) throw err;
    ctx.log.info({ meeting: s.meeting.id, item: s.item.number, refused: err.key }, 'ballot refused');
    return voteCard(ctx, s, refusalText(ctx.lang, err), inputs);
  }
  ctx.log.info({ meeting: s.meeting.id, item: s.item.number, changed: done.changed }, 'ballot cast');
  return voteCard(ctx, s, castNotice(ctx, s, done.changed, done.state), undefined, done.state);
}

/**
 * The ballot inputs as the card sends them: `choice-<proposal>` (one of the four choices,
 * empty when not chosen) and `reason-<proposal>`. Only chosen proposals are cast.
 */
function ballotInputs(data: Record<string, unknown>): CastInput[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const proposalId = key.startsWith('choice-') ? key.slice('choice-'.length) : undefined;
    if (proposalId === undefined || typeof value !== 'string' || !value.trim()) return [];
    const reason = data[`reason-${proposalId}`];
    return [{ proposalId, choice: value.trim(), reason: typeof reason === 'string' ? reason : undefined }];
  });
}

/** Card actions (Action.Execute verbs) of the meeting feature. */
export const meetingActions: CardAction[] = [
  defineAction({
    verb: 'meeting.item.view',
    data: ItemRef,
    handler: async (ctx, ref) => itemCard(ctx, await scopeOf(ctx, ref)),
  }),
  defineAction({
    verb: 'meeting.item.saveNotes',
    data: ItemRef.extend({ notes: z.string().default('') }),
    async handler(ctx, { notes, ...ref }) {
      const s = await scopeOf(ctx, ref);
      const saved = await ctx.services.agenda.saveNotes(s.meeting, s.member, s.item.number, notes);
      ctx.log.info({ meeting: s.meeting.id, item: s.item.number, length: saved?.text.length ?? 0 }, 'item notes saved');
      return itemCard(ctx, s, saved ? ctx.t.meeting.item.notesSaved : ctx.t.meeting.item.notesCleared);
    },
  }),
  defineAction({
    verb: 'meeting.vote.open',
    data: ItemRef,
    async handler(ctx, ref) {
      const s = await scopeOf(ctx, ref);
      const { vote, opened } = await ctx.services.voting.open(s.meeting, s.member, s.item.number, () => ctx.services.voteFrames.of(s.network));
      if (opened) {
        // The vote card goes into the conversation of the item card, for everyone.
        await postVoteCard(ctx.services, ctx.cards, ctx.replyCard, ctx.messenger.referenceOf(ctx.turn), s.meeting, s.network, s.item.number, ctx.lang);
        ctx.log.info({ meeting: s.meeting.id, item: s.item.number }, 'vote opened');
      }
      if (vote.status === 'closed') return itemCard(ctx, s, fmt(ctx.t.meeting.vote.alreadyClosed, { item: itemLabel(s.meeting, s.item) }));
      return itemCard(ctx, s);
    },
  }),
  defineAction({
    verb: 'meeting.vote.view',
    data: ItemRef,
    handler: async (ctx, ref) => voteCard(ctx, await scopeOf(ctx, ref)),
    async lean(ctx, ref) {
      const seen = await seenVote(ctx, ref);
      return seen && voteCard(seen.speaking, seen.s, undefined, undefined, seen.seen.state);
    },
  }),
  defineAction({
    verb: 'meeting.vote.cast',
    // The ballot inputs arrive beside the ids, as strings; the domain checks every one.
    data: ItemRef.catchall(z.unknown()),
    async handler(ctx, data) {
      const s = await scopeOf(ctx, data);
      return castBallot(ctx, s, data, (inputs) => ctx.services.voting.cast(s.meeting, s.network, s.member, s.item.number, inputs));
    },
    async lean(ctx, data) {
      const seen = await seenVote(ctx, data);
      if (!seen) return undefined;
      try {
        return await castBallot(seen.speaking, seen.s, data, (inputs) => ctx.services.voting.castSeen(seen.seen, inputs));
      } catch (err) {
        return { message: ctx.explain(err, seen.speaking.lang) };
      }
    },
  }),
  defineAction({
    verb: 'meeting.vote.remind',
    data: ItemRef,
    async handler(ctx, ref) {
      const s = await scopeOf(ctx, ref);
      const missing = await ctx.services.voting.missing(s.meeting, s.network, s.member, s.item.number);
      if (!missing.length) return voteCard(ctx, s, ctx.t.meeting.vote.nobodyToRemind);
      // Queued (one write) and sent by the sweep after this answer; a retried or double click queues nothing.
      const target = { networkId: s.network.id, meetingId: s.meeting.id, purpose: 'voteReminder' as const, itemNumber: s.item.number };
      const { job, queued } = await ctx.services.fanout.enqueue(target, missing.map((v) => v.email), s.member.email, { repeatAfterMs: REMIND_AGAIN_MS });
      try {
        const v = ctx.t.meeting.vote;
        const names = (emails: string[]) => joinAnd(ctx.lang, emails.map((e) => findMember(s.network, e)?.name ?? e));
        if (queued.length) return await voteCard(ctx, s, fmt(v.reminding, { names: names(queued) }));
        const p = progressOf(job!);
        const notice = [fmt(p.finished ? v.reminded : v.stillReminding, { sent: p.sent, total: p.total }), ...(p.unreachable.length || p.failed.length ? [fmt(v.unreachable, { names: names([...p.unreachable, ...p.failed]) })] : [])];
        return await voteCard(ctx, s, notice.join(' '));
      } finally {
        if (queued.length) ctx.services.fanout.wake();
      }
    },
  }),
  defineAction({
    verb: 'meeting.vote.close',
    data: ItemRef,
    async handler(ctx, ref) {
      const s = await scopeOf(ctx, ref);
      const { vote, alreadyClosed } = await ctx.services.voting.close(s.meeting, s.network, s.member, s.item.number);
      if (alreadyClosed) return voteCard(ctx, s, fmt(ctx.t.meeting.vote.alreadyClosed, { item: itemLabel(s.meeting, s.item) }));
      ctx.log.info({ meeting: s.meeting.id, item: s.item.number }, 'vote closed');
      await updatePostedVote(ctx.services, ctx.cards, ctx.messenger, ctx.log, s.meeting, s.network, vote, ctx.lang);
      return voteCard(ctx, s);
    },
  }),
];
