import assert from 'node:assert/strict';
import { SYSTEM_ACTOR, type CreateTaskInput } from '../../services/deadlines';
import type { AssignmentDoc, TaskDoc } from '../../services/deadlines/model';
import { DomainError } from '../../services/errors';
import { translate, type TextKey } from '../../services/i18n';
import type { Store } from '../../services/store/store';
import { actor, exampleMeeting, MEETING_ID } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { DEADLINE } from '../minutes/script';
import { CHAIR, REGIONS, SECRETARY, seeded } from './fixtures';

/** Every task and assignment document of the example network, for "nothing changed" checks. */
async function snapshot(store: Store): Promise<string> {
  const docs = [...(await store.list<TaskDoc>('task', 'pid')), ...(await store.list<AssignmentDoc>('assignment', 'pid'))];
  return JSON.stringify(docs.map((d) => [d.id, d.etag, d.dueAt]));
}

/** Asserts a DomainError with this key, and that its Danish text has every placeholder filled. */
async function refuses(run: () => Promise<unknown>, key: TextKey): Promise<void> {
  await assert.rejects(run, (err: unknown) => {
    assert.ok(err instanceof DomainError, String(err));
    assert.equal(err.key, key);
    assert.doesNotMatch(translate('da', err.key, err.params), /\{\w+\}/, `${key}: every placeholder of its Danish text is given`);
    return true;
  });
}

const task = (over: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
  networkId: 'pid',
  title: 'Kommentarer til bilag 1.1',
  assignees: ['ida.fjord@example.dk', 'ole.winther@example.dk'],
  due: '2021-06-16',
  ...over,
});

forEachStore('deadlines domain', (fresh) => {
  it("materialises the meeting's task for the regional representatives once, however often it is imported", async function () {
    const { services } = await seeded(await fresh());
    const meeting = await services.meetings.require('pid', MEETING_ID);
    assert.equal(await services.deadlines.materialiseMeeting(meeting), 1);
    const before = await snapshot(services.store);
    assert.equal(await services.deadlines.materialiseMeeting(meeting), 0);
    await services.meetings.import(exampleMeeting());
    assert.equal(await services.deadlines.materialiseAll(), 0);
    assert.equal(await snapshot(services.store), before, 're-import changes no task and no nudge');

    const [skema] = await services.deadlines.tasksOfMeeting(meeting);
    assert.equal(skema.title, 'Udfyld Skema 2: Regional kortlægning');
    assert.deepEqual(skema.assigneeEmails, REGIONS);
    assert.equal(skema.deliverTo, SECRETARY);
    assert.equal(skema.due, '2021-08-11T15:00:00.000Z', 'a plain date is due at 17.00 Copenhagen time');
    assert.equal(skema.itemNumber, 3);
    const assignments = await services.store.list<AssignmentDoc>('assignment', 'pid');
    assert.equal(assignments.length, 5);
    assert.ok(assignments.every((a) => a.data.pending?.reason === 'announce' && a.dueAt === '2021-06-02T13:10:00.000Z'));
  });

  it('revises an imported task in place when the import changes it: new due date, a removed assignee stops, a new one is announced', async function () {
    const { services } = await seeded(await fresh());
    await services.deadlines.materialiseAll();
    const changed = exampleMeeting();
    (changed.agenda[3] as { tasks: unknown[] }).tasks = [
      { title: 'Udfyld Skema 2: Regional kortlægning', assignees: ['soren.ahl@example.dk', 'ida.fjord@example.dk'], due: '2021-08-18', deliverTo: SECRETARY },
    ];
    const { meeting } = await services.meetings.import(changed);
    assert.equal(await services.deadlines.materialiseMeeting(meeting), 1);
    const tasks = await services.store.list<TaskDoc>('task', 'pid');
    assert.equal(tasks.length, 1, 'no duplicate task');
    assert.equal(tasks[0].data.due, '2021-08-18T15:00:00.000Z');
    const status = await services.deadlines.status(tasks[0].id);
    assert.deepEqual(status.assignees.map((a) => a.email).sort(), ['ida.fjord@example.dk', 'soren.ahl@example.dk']);
    const karen = await services.store.get<AssignmentDoc>({ kind: 'assignment', pk: 'pid', id: `${tasks[0].id}|karen.ostby@example.dk` });
    assert.equal(karen?.data.status, 'removed');
    assert.equal(karen?.dueAt, null);
    const ida = await services.store.get<AssignmentDoc>({ kind: 'assignment', pk: 'pid', id: `${tasks[0].id}|ida.fjord@example.dk` });
    assert.equal(ida?.data.pending?.reason, 'announce');
    assert.equal(ida?.dueAt, '2021-06-02T13:10:00.000Z');
  });

  it('creates a task from the secretary, once per key, with groups and members mixed', async function () {
    const { services } = await seeded(await fresh());
    const input = task({ assignees: ['lvs', 'soren.ahl@example.dk'], key: 'form:abc', deliverTo: CHAIR });
    const first = await services.deadlines.createTask(input, actor(SECRETARY));
    const again = await services.deadlines.createTask(input, actor(SECRETARY));
    assert.equal(again.id, first.id);
    assert.deepEqual(first.assigneeEmails, ['ida.fjord@example.dk', 'ole.winther@example.dk', 'maja.krogh@example.dk', 'soren.ahl@example.dk']);
    assert.equal((await services.store.list('task', 'pid')).length, 1);
    assert.equal((await services.store.list('assignment', 'pid')).length, 4);
  });

  it('refuses bad input with a clear Danish message and writes nothing', async function () {
    const { services } = await seeded(await fresh());
    await services.deadlines.createTask(task({ key: 'existing' }), actor(SECRETARY));
    const before = await snapshot(services.store);
    await refuses(() => services.deadlines.createTask(task({ due: '2021-06-01' }), actor(SECRETARY)), 'deadlines.pastDue');
    await refuses(() => services.deadlines.createTask(task({ due: '2021-06-02T14:00' }), actor(SECRETARY)), 'deadlines.pastDue');
    await refuses(() => services.deadlines.createTask(task({ due: '16-06-2021' }), actor(SECRETARY)), 'deadlines.badDate');
    await refuses(() => services.deadlines.createTask(task({ due: '2021-02-30' }), actor(SECRETARY)), 'deadlines.badDate');
    await refuses(() => services.deadlines.createTask(task({ title: '   ' }), actor(SECRETARY)), 'deadlines.emptyTitle');
    await refuses(() => services.deadlines.createTask(task({ assignees: ['ukendt@example.dk'] }), actor(SECRETARY)), 'deadlines.unknownAssignee');
    await refuses(() => services.deadlines.createTask(task({ assignees: 'pædiatri' }), actor(SECRETARY)), 'deadlines.unknownAssignee');
    await refuses(() => services.deadlines.createTask(task({ assignees: [] }), actor(SECRETARY)), 'deadlines.noAssignees');
    await refuses(() => services.deadlines.createTask(task({ deliverTo: 'ukendt@example.dk' }), actor(SECRETARY)), 'deadlines.unknownDeliverTo');
    await refuses(() => services.deadlines.createTask(task({ meetingId: MEETING_ID, itemNumber: 9 }), actor(SECRETARY)), 'deadlines.unknownItem');
    await refuses(() => services.deadlines.createTask(task(), actor('soren.ahl@example.dk')), 'deadlines.onlyLeaders');
    await refuses(() => services.deadlines.createTask(task({ networkId: 'nope' }), actor(SECRETARY)), 'link.unknownNetwork');
    assert.equal(await snapshot(services.store), before);
  });

  it('marks done once; a click from someone not assigned, or on an unknown or closed task, changes nothing', async function () {
    const { services } = await seeded(await fresh());
    const t = await services.deadlines.createTask(task(), actor(SECRETARY));
    const done = await services.deadlines.markDone(t.id, actor('ida.fjord@example.dk'));
    assert.equal(done.status, 'done');
    assert.equal(done.outcome, 'done');
    assert.equal(done.nextNudgeAt, undefined, 'no more nudges');
    const before = await snapshot(services.store);
    const again = await services.deadlines.markDone(t.id, actor('ida.fjord@example.dk'));
    assert.equal(again.doneAt, done.doneAt, 'a second click is the same answer');
    await refuses(() => services.deadlines.markDone(t.id, actor('soren.ahl@example.dk')), 'deadlines.notAssigned');
    await refuses(() => services.deadlines.markDone('pid.tdeadbeef', actor('ida.fjord@example.dk')), 'deadlines.unknownTask');
    await refuses(() => services.deadlines.markDone('not a task id', actor('ida.fjord@example.dk')), 'deadlines.unknownTask');
    await refuses(() => services.deadlines.markDone(t.id, actor('ole.winther@example.dk'), 'noComments'), 'common.staleCard');
    await refuses(() => services.deadlines.snooze(t.id, actor('ida.fjord@example.dk')), 'deadlines.alreadyDone');
    assert.equal(await snapshot(services.store), before);
    await services.deadlines.closeTask(t.id, actor(SECRETARY));
    await refuses(() => services.deadlines.markDone(t.id, actor('ole.winther@example.dk')), 'deadlines.taskClosed');
  });

  it('lets comment-round recipients answer "comments sent" or "no comments", also members who were not there', async function () {
    const { services } = await seeded(await fresh());
    const round = await services.deadlines.createTask(task({ kind: 'comments', assignees: ['maja.krogh@example.dk', 'ida.fjord@example.dk'] }), actor(SECRETARY));
    assert.equal(round.deliverTo, SECRETARY, 'comments go to the one who sent the draft');
    assert.equal((await services.deadlines.markDone(round.id, actor('maja.krogh@example.dk'), 'noComments')).outcome, 'noComments');
    await refuses(() => services.deadlines.markDone(round.id, actor('ida.fjord@example.dk')), 'deadlines.commentMissing');
    const sent = await services.deadlines.markDone(round.id, actor('ida.fjord@example.dk'), 'commentsSent', 'Pkt. 3: navnet staves Østby.');
    assert.deepEqual([sent.outcome, sent.comment], ['commentsSent', 'Pkt. 3: navnet staves Østby.']);
    await refuses(() => services.deadlines.markDone(round.id, actor('maja.krogh@example.dk'), 'done'), 'common.staleCard');
  });

  it('snoozes to the same time tomorrow in working hours, replacing the reminders before it', async function () {
    const { services, clock } = await seeded(await fresh());
    const t = await services.deadlines.createTask(task({ due: '2021-06-09' }), actor(SECRETARY));
    clock.set(new Date('2021-06-04T13:00:00Z')); // Friday 15.00
    const snoozed = await services.deadlines.snooze(t.id, actor('ida.fjord@example.dk'));
    assert.equal(snoozed.nextNudgeAt, '2021-06-07T07:00:00.000Z', 'Monday 09.00');
    const other = await services.deadlines.status(t.id);
    assert.equal(other.assignees.find((a) => a.email === 'ole.winther@example.dk')?.nextNudgeAt, '2021-06-02T13:10:00.000Z', 'others are not snoozed');
  });

  it('shows chair and secretary the open tasks with who is done and who is missing; members may not see it', async function () {
    const { services } = await seeded(await fresh());
    const t = await services.deadlines.createTask(task(), actor(SECRETARY));
    await services.deadlines.markDone(t.id, actor('ole.winther@example.dk'));
    const overview = await services.deadlines.overview('pid', actor(CHAIR));
    assert.deepEqual(overview.map((s) => s.task.title), ['Kommentarer til bilag 1.1', 'Udfyld Skema 2: Regional kortlægning'], 'soonest first, imported tasks included');
    const [first] = overview;
    assert.deepEqual(first.assignees.map((a) => [a.name, a.status]), [['Ida Fjord', 'open'], ['Ole Skov Winther', 'done']]);
    await refuses(() => services.deadlines.overview('pid', actor('soren.ahl@example.dk')), 'deadlines.onlyLeaders');
    await services.deadlines.markDone(t.id, actor('ida.fjord@example.dk'));
    assert.deepEqual((await services.deadlines.overview('pid', actor(SECRETARY))).map((s) => s.task.title), ['Udfyld Skema 2: Regional kortlægning'], 'a task everyone answered is no longer open');
  });

  it('lets another feature create a reply task as Referent itself, without an announcement', async function () {
    const { services } = await seeded(await fresh(), new Date('2021-05-26T08:00:00Z'));
    const reply = await services.deadlines.createTask(
      { networkId: 'pid', meetingId: MEETING_ID, title: 'Besvar habilitetsspørgsmålet', assignees: ['soren.ahl@example.dk'], due: '2021-06-02T13:00:00+02:00', kind: 'reply', key: 'habilitet:x' },
      SYSTEM_ACTOR,
    );
    const [a] = (await services.deadlines.status(reply.id)).assignees;
    assert.equal(a.nextNudgeAt, '2021-05-31T07:00:00.000Z', 'first reminder 2 days before, no announcement');
  });

  it('writes the tasks into the minutes as agreements in the Referat of their item, in the seed’s words', async function () {
    const { services } = await seeded(await fresh());
    const meeting = await services.meetings.require('pid', MEETING_ID);
    const network = await services.networks.require('pid');
    const draft = { meetingId: MEETING_ID, itemNumber: 2, title: 'Bilag 1.1, revideret', assignees: 'members', due: '2021-06-16T12:00', kind: 'comments' as const };
    await services.deadlines.createTask(task(draft), actor(SECRETARY));
    await services.deadlines.createTask(task({ meetingId: MEETING_ID, itemNumber: 2, title: 'Find tal for 2020.', assignees: ['ida.fjord@example.dk'], due: '2022-01-10' }), actor(SECRETARY));
    const contributions = (await Promise.all(services.minutesSources.map((source) => source(meeting, network)))).flat().filter((c) => c.order === 50);
    assert.deepEqual(
      contributions.map((c) => [c.itemNumber, c.section, c.paragraphs, c.summary]),
      [
        [3, 'referat', [DEADLINE], ['Udfyld Skema 2: Regional kortlægning – frist 11. august 2021']],
        [
          2,
          'referat',
          [
            '"Bilag 1.1, revideret" sendes til kommentering hos netværkets medlemmer (Anne Holm Lund, Mads Bering Kjær, Søren Ahl, Karen Østby, Lise Damgaard, Jens Præst, Ida Fjord, Ole Skov Winther og Maja Krogh). Frist for kommentarer til Mette Ravn Kofoed (mette.kofoed@example.dk) den 16. juni kl. 12.00.',
            // Another year than the meeting's is said.
            'Det blev aftalt, at Ida Fjord står for opgaven "Find tal for 2020". Frist den 10. januar 2022.',
          ],
          ['Bilag 1.1, revideret – frist 16. juni 2021', 'Find tal for 2020. – frist 10. januar 2022'],
        ],
      ],
    );
  });
});
