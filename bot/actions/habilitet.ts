import { z } from 'zod';
import { answerText } from '../../cards/habilitet';
import { DomainError } from '../../services/errors';
import type { Answered, MemberView, SeenRound } from '../../services/habilitet';
import { catalog, fmt } from '../../services/i18n';
import { IdSchema } from '../../services/model';
import type { Lang } from '../../services/time';
import { defineAction, type ActionContext, type ActionResult, type CardAction, type LeanContext } from './action';

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

/** Who the card is for and in which language: the sender as the roster knows them, or as the round lists them. */
interface Reader {
  ctx: Pick<ActionContext, 'cards' | 'log'>;
  lang: Lang;
  teamsUserId: string;
}

const rosterReader = (ctx: ActionContext): Reader => ({ ctx, lang: ctx.lang, teamsUserId: ctx.sender.teamsUserId });

/** The prompt card with the reader's current answer; `refresh` keeps it so for them alone. */
const cardOf = (reader: Reader, view: MemberView, options: { form?: boolean; notice?: string } = {}): ActionResult => ({
  card: reader.ctx.cards.habilitetPrompt(view, reader.lang, { ...options, userIds: [reader.teamsUserId] }),
});

/** The "yes" form; a stale card (round locked, meeting begun) says why instead. */
function formOf(reader: Reader, view: MemberView): ActionResult {
  if (view.closed) throw new DomainError(view.closed === 'locked' ? 'habilitet.locked' : 'habilitet.meetingStarted');
  return cardOf(reader, view, { form: true });
}

/** Confirms what was recorded; the status card and the reminder follow from the sweep (services/habilitet/followUps.ts). */
function confirmed(reader: Reader, { doc, changed, meeting, view }: Answered): ActionResult {
  reader.ctx.log.info({ meeting: meeting.id, answer: doc.latest.answer, items: doc.latest.items, changed }, 'habilitet answer');
  const p = catalog(reader.lang).habilitet.prompt;
  return cardOf(reader, view, { notice: fmt(changed ? p.recorded : p.unchanged, { answer: answerText(meeting, doc.latest, reader.lang) }) });
}

/** Records the sender's answer, from the roster. */
async function record(ctx: ActionContext, ref: MeetingRef, input: Record<string, unknown>): Promise<ActionResult> {
  const { member, network } = ctx.membershipIn(ref.networkId);
  return confirmed(rosterReader(ctx), await ctx.services.habilitet.answer(ref.networkId, ref.meetingId, member, input, network));
}

/**
 * A click on a prompt card as the round sees its caller (`Habilitet.seenBy`): the meeting, and the
 * round with their own answer in one read, without the roster. Undefined, so the roster decides,
 * for a caller the round does not list or a click outside a 1:1 chat (in a channel, its linked
 * network decides what a card may act on). Refusals are worded in the member's language.
 */
async function leanly(ctx: LeanContext, ref: MeetingRef, act: (seen: SeenRound, reader: Reader) => Promise<ActionResult> | ActionResult): Promise<ActionResult | undefined> {
  if (ctx.scope !== 'personal') return undefined;
  const seen = await ctx.services.habilitet.seenBy({ networkId: ref.networkId, id: ref.meetingId }, ctx.caller.email);
  if (!seen) return undefined;
  try {
    return await act(seen, { ctx, lang: seen.lang, teamsUserId: ctx.caller.teamsUserId });
  } catch (err) {
    return { message: ctx.explain(err, seen.lang) };
  }
}

/** Records the caller's answer as the round lists them. */
const recordLeanly = (ctx: LeanContext, ref: MeetingRef, input: Record<string, unknown>) =>
  leanly(ctx, ref, async (seen, reader) => confirmed(reader, await ctx.services.habilitet.answerSeen(seen, input)));

/** What a "yes" submits: the inputs arrive as strings, the multi-select as "2,3"; the domain parses and checks them. */
const yesInput = ({ items, description }: { items?: string; description?: string }) => ({ answer: 'yes', items: items ?? '', description: description ?? '' });

/** Card actions (Action.Execute verbs) of the habilitet feature. */
export const habilitetActions: CardAction[] = [
  defineAction({
    verb: 'habilitet.no',
    data: MeetingRef,
    handler: (ctx, ref) => record(ctx, ref, { answer: 'no' }),
    lean: (ctx, ref) => recordLeanly(ctx, ref, { answer: 'no' }),
  }),
  defineAction({
    verb: 'habilitet.yes',
    data: MeetingRef,
    handler: async (ctx, ref) => formOf(rosterReader(ctx), await viewOf(ctx, ref)),
    lean: (ctx, ref) => leanly(ctx, ref, (seen, reader) => formOf(reader, ctx.services.habilitet.seenView(seen))),
  }),
  defineAction({
    verb: 'habilitet.submitYes',
    data: MeetingRef.extend({ items: z.string().optional(), description: z.string().optional() }),
    handler: (ctx, data) => record(ctx, data, yesInput(data)),
    lean: (ctx, data) => recordLeanly(ctx, data, yesInput(data)),
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
    handler: async (ctx, ref) => cardOf(rosterReader(ctx), await viewOf(ctx, ref)),
    lean: (ctx, ref) => leanly(ctx, ref, (seen, reader) => cardOf(reader, ctx.services.habilitet.seenView(seen))),
  }),
];
