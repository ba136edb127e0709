import { z } from 'zod';
import { FORM_ID } from '../../services/audit';
import { snoozedNotice } from '../../cards/deadlineCards';
import { networkOfTask, TASK_ID } from '../../services/deadlines/deadlines';
import { OUTCOMES, type TaskStatus } from '../../services/deadlines/model';
import { itemLabel } from '../../services/meetings';
import { IdSchema } from '../../services/model';
import { DomainError } from '../../services/errors';
import { fmt, joinAnd } from '../../services/i18n';
import { defineAction, type ActionContext, type ActionResult, type CardAction } from './action';

/** What a nudge card carries back: which task. Never who clicked. */
const TaskRef = z.object({ taskId: z.string().regex(TASK_ID) });

/** The form's submit: what the card put in its data plus the inputs Teams merged in. */
const CreateData = z.object({
  networkId: IdSchema,
  kind: z.enum(['task', 'comments']),
  formId: z.string().regex(FORM_ID),
  meetingId: z.union([z.literal(''), IdSchema]).default(''),
  title: z.string().max(1000).default(''),
  description: z.string().max(5000).default(''),
  assignees: z.string().max(20000).default(''),
  dueDate: z.string().max(40).default(''),
  dueTime: z.string().max(20).default(''),
  deliverTo: z.string().max(320).default(''),
  item: z.string().max(5).default(''),
});

/** The sender's own nudge card for a task, with what just happened as a notice. */
async function cardFor(ctx: ActionContext, taskId: string, notice?: string): Promise<ActionResult> {
  const { member } = ctx.membershipIn(networkOfTask(taskId));
  const { task, network, status } = await ctx.services.deadlines.viewFor(taskId, member);
  const meeting = task.meetingId ? await ctx.services.meetings.get(network.id, task.meetingId) : undefined;
  const userIds = [ctx.sender.teamsUserId];
  return { card: ctx.cards.nudge({ task, network, status, meeting, notice, now: ctx.services.clock.now(), userIds }, ctx.lang) };
}

/** Assignees who declared a conflict of interest on the task's item: whoever assigns it is told. */
async function recusedAssignees(ctx: ActionContext, { task, assignees }: TaskStatus): Promise<{ names: string[]; item: string } | undefined> {
  if (!task.meetingId || task.itemNumber === undefined) return undefined;
  const meeting = await ctx.services.meetings.get(task.networkId, task.meetingId);
  const item = meeting?.agenda.find((i) => i.number === task.itemNumber);
  if (!meeting || !item) return undefined;
  const recused = await ctx.services.recusals.recusedOn(meeting, item.number);
  return { names: assignees.filter((a) => recused.has(a.email)).map((a) => a.name), item: itemLabel(meeting, item) };
}

/** Card actions (Action.Execute verbs) of the deadlines feature. */
export const deadlinesActions: CardAction[] = [
  defineAction({
    verb: 'deadlines.create',
    data: CreateData,
    async handler(ctx, data) {
      const { member } = ctx.membershipIn(data.networkId);
      const item = data.item.trim();
      if (item && !/^\d{1,3}$/.test(item)) throw new DomainError('common.staleCard', {}, `item "${item}" is not a number`);
      const dueDate = data.dueDate.trim();
      const task = await ctx.services.deadlines.createTask(
        {
          networkId: data.networkId,
          ...(item && data.meetingId && { meetingId: data.meetingId, itemNumber: Number(item) }),
          title: data.title,
          description: data.description,
          assignees: data.assignees.split(',').map((a) => a.trim()).filter(Boolean),
          due: data.dueTime.trim() && dueDate ? `${dueDate}T${data.dueTime.trim()}` : dueDate,
          deliverTo: data.deliverTo,
          kind: data.kind,
          key: `form:${data.formId}`,
        },
        member,
      );
      ctx.log.info({ task: task.id, assignees: task.assigneeEmails.length }, 'deadline created');
      const { network } = ctx.membershipIn(task.networkId);
      const status = await ctx.services.deadlines.status(task.id);
      return { card: ctx.cards.deadlineCreated(status, network, ctx.lang, await recusedAssignees(ctx, status)) };
    },
  }),
  defineAction({
    verb: 'deadlines.done',
    // `comment` is the card's input; the domain checks it is given (and not too long) for comments.
    data: TaskRef.extend({ outcome: z.enum(OUTCOMES).optional(), comment: z.string().max(20000).optional() }),
    async handler(ctx, { taskId, outcome, comment }) {
      const { member, network } = ctx.membershipIn(networkOfTask(taskId));
      await ctx.services.deadlines.markDone(taskId, member, outcome, comment, network);
      return cardFor(ctx, taskId);
    },
  }),
  defineAction({
    verb: 'deadlines.snooze',
    data: TaskRef,
    async handler(ctx, { taskId }) {
      const status = await ctx.services.deadlines.snooze(taskId, ctx.membershipIn(networkOfTask(taskId)).member);
      return cardFor(ctx, taskId, status.nextNudgeAt ? snoozedNotice(ctx.lang, status.nextNudgeAt) : undefined);
    },
  }),
  defineAction({
    verb: 'deadlines.card',
    data: TaskRef,
    handler: (ctx, { taskId }) => cardFor(ctx, taskId),
  }),
  defineAction({
    verb: 'deadlines.nudgeNow',
    data: TaskRef,
    async handler(ctx, { taskId }) {
      const before = await ctx.services.deadlines.status(taskId);
      const { network, member } = ctx.membershipIn(before.task.networkId);
      const count = await ctx.services.deadlines.nudgeNow(taskId, member);
      const missing = before.assignees.filter((a) => a.status === 'open');
      // Those the bot has no way to reach yet (never wrote, in no linked team) are named at once, not after failed sends.
      const contacts = await Promise.all(missing.map((a) => ctx.services.identities.contact(a.email)));
      const unreachable = missing.filter((_, i) => !contacts[i]).map((a) => a.name);
      const o = ctx.t.deadlines.overview;
      const names = (list: string[]) => joinAnd(ctx.lang, list);
      const notice = count
        ? [fmt(o.nudged, { count, names: names(missing.map((a) => a.name)) }), ...(unreachable.length ? [fmt(o.unreachable, { names: names(unreachable) })] : [])].join(' ')
        : o.nobodyMissing;
      return { card: ctx.cards.deadlinesOverview(await ctx.services.deadlines.overview(network.id, member), network, ctx.lang, notice) };
    },
  }),
];
