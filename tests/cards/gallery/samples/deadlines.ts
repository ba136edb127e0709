import { SYSTEM_ACTOR } from '../../../../services/deadlines';
import { catalog, fmt } from '../../../../services/i18n';
import type { Lang } from '../../../../services/time';
import { snoozedNotice, type NudgeView } from '../../../../cards/deadlineCards';
import { teamsUserIdOf, inBothLanguages, type GalleryContext, type SampleSet } from '../gallery';
import { actor } from '../../../helpers/bot';

const LONG = 'Beskriv rekvirering, sekventering, fortolkning af data og udarbejdelse af svar for patienter med de identificerede indikationer i regionen, herunder ventetider, kapacitet og samarbejdspartnere. '.repeat(8).slice(0, 2000);

/** A view of `taskId` for `email` as its nudge card shows it now. */
async function view(ctx: GalleryContext, taskId: string, email: string, extra: Partial<NudgeView> = {}): Promise<NudgeView> {
  const v = await ctx.services.deadlines.viewFor(taskId, actor(email));
  const meeting = v.task.meetingId ? await ctx.services.meetings.get(v.network.id, v.task.meetingId) : undefined;
  return { ...v, meeting, now: ctx.clock.now(), userIds: [teamsUserIdOf(email)], ...extra };
}

/**
 * The nudge in each of its moments (announcement, 7 days before, the due day, overdue,
 * a comment round, marked done, snoozed, closed, the longest), the secretary's forms,
 * the confirmation, and the `frister` overview (open, empty, the largest network).
 */
export const samples: SampleSet = async (ctx) => {
  const { services, example, large, clock } = ctx;
  const secretary = 'mette.kofoed@example.dk';
  const [soren, karen, ida] = ['soren.ahl@example.dk', 'karen.ostby@example.dk', 'ida.fjord@example.dk'];
  const emptyOverview = await services.deadlines.overview(example.network.id, actor(secretary));

  await services.deadlines.materialiseMeeting(example.meeting);
  const [skema] = await services.deadlines.tasksOfMeeting(example.meeting);
  const round = await services.deadlines.createTask(
    { networkId: 'pid', title: 'Udkast til indikationer og kriterier, version 3', description: 'https://example.dk/udkast/indikationer-v3.docx', assignees: [ida, soren, karen], due: '2021-06-16T12:00', kind: 'comments' },
    actor(secretary),
  );
  const closing = await services.deadlines.createTask({ networkId: 'pid', title: 'Tilmelding til temadag', assignees: [soren], due: '2021-06-30' }, actor(secretary));
  const longTask = await services.deadlines.createTask({ networkId: 'pid', title: 'Udfyld skema 2: regional kortlægning af nuværende set-up. '.repeat(5).slice(0, 300), description: LONG, assignees: 'regions', due: '2021-08-11', deliverTo: secretary }, actor(secretary));

  const announce = await view(ctx, skema.id, soren, { reason: 'announce' });
  const comments = await view(ctx, round.id, ida, { reason: 'announce' });
  const longest = await view(ctx, longTask.id, soren, { reason: 'announce' });
  await services.deadlines.markDone(skema.id, actor(karen));
  await services.deadlines.markDone(round.id, actor(soren), 'noComments');
  const done = await view(ctx, skema.id, karen);
  const snoozed = await services.deadlines.snooze(skema.id, actor('lise.damgaard@example.dk'));
  const snoozedView = await view(ctx, skema.id, 'lise.damgaard@example.dk');
  const openOverview = await services.deadlines.overview(example.network.id, actor(secretary));
  const created = await services.deadlines.status(skema.id);
  await services.deadlines.closeTask(closing.id, actor(secretary));
  const closed = await view(ctx, closing.id, soren);

  clock.set(new Date('2021-08-04T07:00:00Z'));
  const before = await view(ctx, skema.id, soren, { reason: 'before' });
  clock.set(new Date('2021-08-11T07:00:00Z'));
  const dueDay = await view(ctx, skema.id, soren, { reason: 'dueDay' });
  clock.set(new Date('2021-08-12T07:00:00Z'));
  const overdue = await view(ctx, skema.id, soren, { reason: 'overdue' });

  // The largest network: its imported tasks plus enough of its own to reach the card's cap.
  clock.set(new Date('2021-09-01T08:00:00Z'));
  const bigSecretary = 'sofie.nielsen@example.dk';
  await services.deadlines.materialiseMeeting(large.meeting);
  for (let i = 1; i <= 14; i++) {
    await services.deadlines.createTask({ networkId: large.network.id, title: `${i}. Kommentarer til udkast til national strategi for personlig medicin, kapitel ${i}`, assignees: 'all', due: `2021-10-${String(i + 10).padStart(2, '0')}`, deliverTo: bigSecretary }, SYSTEM_ACTOR);
  }
  const bigOverview = await services.deadlines.overview(large.network.id, actor(bigSecretary));

  const form = (kind: 'task' | 'comments', fixture = example, creator = secretary) => (lang: Lang) =>
    ctx.cards.deadlineForm({ network: fixture.network, kind, creator, meeting: fixture.meeting, formId: 'gallery-form-id', now: new Date('2021-05-26T08:00:00Z') }, lang);
  const nudged = (lang: Lang) => fmt(catalog(lang).deadlines.overview.nudged, { count: 4, names: 'Mads Bering Kjær, Søren Ahl, Lise Damgaard og Jens Præst' });
  return [
    ...inBothLanguages('nudge', 'announce', (lang) => ctx.cards.nudge(announce, lang)),
    ...inBothLanguages('nudge', 'seven-days-before', (lang) => ctx.cards.nudge(before, lang)),
    ...inBothLanguages('nudge', 'due-day', (lang) => ctx.cards.nudge(dueDay, lang)),
    ...inBothLanguages('nudge', 'overdue', (lang) => ctx.cards.nudge(overdue, lang)),
    ...inBothLanguages('nudge', 'comments', (lang) => ctx.cards.nudge(comments, lang)),
    ...inBothLanguages('nudge', 'done', (lang) => ctx.cards.nudge(done, lang)),
    ...inBothLanguages('nudge', 'snoozed', (lang) => ctx.cards.nudge({ ...snoozedView, notice: snoozedNotice(lang, snoozed.nextNudgeAt ?? '') }, lang)),
    ...inBothLanguages('nudge', 'closed', (lang) => ctx.cards.nudge(closed, lang)),
    ...inBothLanguages('nudge', 'largest', (lang) => ctx.cards.nudge(longest, lang)),
    ...inBothLanguages('deadline-form', 'task', form('task')),
    ...inBothLanguages('deadline-form', 'comments', form('comments')),
    ...inBothLanguages('deadline-form', 'largest', form('task', large, bigSecretary)),
    ...inBothLanguages('deadline-created', 'task', (lang) => ctx.cards.deadlineCreated(created, example.network, lang)),
    ...inBothLanguages('deadline-created', 'recused', (lang) => ctx.cards.deadlineCreated(created, example.network, lang, { names: ['Søren Ahl'], item: 'Pkt. 2/2021' })),
    ...inBothLanguages('deadlines-overview', 'empty', (lang) => ctx.cards.deadlinesOverview(emptyOverview, example.network, lang)),
    ...inBothLanguages('deadlines-overview', 'open', (lang) => ctx.cards.deadlinesOverview(openOverview, example.network, lang)),
    ...inBothLanguages('deadlines-overview', 'nudged', (lang) => ctx.cards.deadlinesOverview(openOverview, example.network, lang, nudged(lang))),
    ...inBothLanguages('deadlines-overview', 'largest', (lang) => ctx.cards.deadlinesOverview(bigOverview, large.network, lang)),
  ];
};
